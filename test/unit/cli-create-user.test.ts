// `streamspace admin create-user <name> [--admin]` reads the password from standard input and writes
// the user to the embedded database the API then opens; a short password and a taken name are refused.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { verifyPassword } from "../../src/identity/passwords.js";
import { passwordHashOf, userByName } from "../../src/identity/users.js";

const dir = mkdtempSync(join(tmpdir(), "streamspace-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function createUser(input: string, ...args: string[]) {
  const r = spawnSync("node", ["bin/streamspace.js", "admin", "create-user", ...args, "--data-dir", dir], {
    input,
    encoding: "utf8",
    timeout: 90_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe("streamspace admin create-user", () => {
  it("creates an admin with the password from standard input, refuses a taken name and a short password", {
    timeout: 180_000,
  }, async () => {
    const created = createUser("a long enough password\n", "carol", "--admin");
    expect(created.err).toBe("");
    expect(created.out).toContain("created user carol (admin)");
    const taken = createUser("a long enough password\n", "carol");
    expect(taken.status).toBe(1);
    expect(taken.err.trim()).toBe("user carol already exists");
    const short = createUser("short\n", "dave");
    expect(short.status).toBe(1);
    expect(short.err).toContain("at least 8 characters");

    const db = await openDatabase({ dataDir: dir });
    try {
      expect(await userByName(db, "carol")).toMatchObject({ name: "carol", admin: true, local: true });
      expect(await verifyPassword((await passwordHashOf(db, "carol"))?.hash, "a long enough password")).toBe(
        true,
      );
      expect(await userByName(db, "dave")).toBeUndefined();
    } finally {
      await db.close();
    }
  });
});
