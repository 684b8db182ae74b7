/**
 * A launch is recorded in the user's recent list without holding up the create's answer (under load the
 * upsert waited behind the previous group commit), yet the user's next read of the list shows it: the
 * read waits for the launches still being written. On PGlite, the real embedded database.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { createUser } from "../../src/identity/users.js";
import { RecentLaunches } from "../../src/server/recent-launches.js";
import { createLogger } from "../../src/telemetry/log.js";

let db: Database;

beforeAll(async () => {
  db = await openDatabase({ dataDir: "memory://" });
  await migrate(db);
});

afterAll(() => db.close());

test("recording returns before the write; the next read waits for it", async () => {
  const alice = await createUser(db, { name: "alice" });
  const recent = new RecentLaunches(db, createLogger({ level: "error" }));
  // Another request's transaction holds the single connection, so no write can run yet.
  let release: () => void = () => {};
  const busy = db.transaction(() => new Promise<void>((resolve) => (release = resolve)));
  recent.record(alice.id, "firefox");
  recent.record(alice.id, "vscode");
  const read = recent.of(alice.id);
  let answered = false;
  void read.then(() => (answered = true));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(answered).toBe(false);
  release();
  await busy;
  expect((await read).sort()).toEqual(["firefox", "vscode"]);
});
