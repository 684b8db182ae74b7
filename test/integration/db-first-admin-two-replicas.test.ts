// Two API replicas of a new install start together, each with the first admin's Secret: one creates
// the admin, the other finds it made and starts too. PostgreSQL replicas each have their own pool;
// PGlite's share one handle (one process's database).
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.js";
import { createFirstAdmin } from "../../src/identity/first-admin.js";
import { listUsers } from "../../src/identity/users.js";
import { createLogger } from "../../src/telemetry/log.js";
import { ENGINES, openDatabase } from "../support/databases.js";

describe.each(ENGINES)("the first admin on $engine", (fixture) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("is created once when two replicas start at the same moment", async () => {
    const created = await fixture.create();
    cleanups.push(created.drop);
    const first = await openDatabase(created.target);
    cleanups.push(() => first.close());
    await migrate(first);
    const second = fixture.engine === "postgres" ? await openDatabase(created.target) : first;
    if (second !== first) cleanups.push(() => second.close());
    const admin = { name: "root", password: "correct horse battery" };
    const log = createLogger({ level: "error" });
    const made = await Promise.all([first, second].map((db) => createFirstAdmin(db, admin, log)));
    expect(made.sort()).toEqual([false, true]);
    expect((await listUsers(first)).map((u) => [u.name, u.admin])).toEqual([["root", true]]);
  });
});
