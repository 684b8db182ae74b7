// Two API replicas starting together against one database apply each migration exactly once, and a
// restart applies nothing: on PostgreSQL and on PGlite.
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { migrate, migrations } from "../../src/db/migrate.js";
import { ENGINES } from "../support/databases.js";

const TABLES = [
  "api_tokens",
  "audit_log",
  "favorites",
  "gateway_connections",
  "gateway_status_writes",
  "group_members",
  "groups",
  "login_failures",
  "login_sessions",
  "oidc_flows",
  "recent_launches",
  "schema_migrations",
  "settings",
  "spent_tickets",
  "users",
];

describe.each(ENGINES)("migrations on $engine", (fixture) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("concurrent starts apply each migration once, a restart none", async () => {
    const created = await fixture.create();
    cleanups.push(created.drop);
    // PGlite is one process's database, so its "replicas" share one handle; PostgreSQL gets two pools.
    const first = await openDatabase(created.target);
    cleanups.push(() => first.close());
    const second = fixture.engine === "postgres" ? await openDatabase(created.target) : first;
    if (second !== first) cleanups.push(() => second.close());

    const [a, b] = await Promise.all([migrate(first), migrate(second)]);
    const all = migrations().map((m) => m.version);
    expect([...a, ...b].sort()).toEqual(all.sort());

    expect(await migrate(first)).toEqual([]);
    const tables = await first.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(TABLES);
  });
});
