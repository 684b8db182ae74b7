// The embedded database runs with 16 MB of shared buffers instead of Postgres's 128 MB (ADR 0113):
// they are resident in the API's memory from the start.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";

it("opens PGlite with 16 MB of shared buffers", async () => {
  const dir = mkdtempSync(join(tmpdir(), "pglite-buffers-"));
  const db = await openDatabase({ dataDir: join(dir, "db") });
  try {
    expect(await db.query("SHOW shared_buffers")).toEqual([{ shared_buffers: "16MB" }]);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
