// Database tests run on both engines: `forEachEngine` gives each test file a fresh PGlite data directory
// and a fresh database in the run's PostgreSQL server (test/setup/postgres.ts).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseTarget, openDatabase } from "../../src/db/database.js";

export interface EngineFixture {
  readonly engine: "pglite" | "postgres";
  /** A new, empty database on this engine; `drop` removes it. */
  create(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }>;
}

async function createPostgresDatabase(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const serverUrl = inject("postgresUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    target: { url: url.toString() },
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function createPgliteDatabase(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "streamspace-pglite-"));
  return { target: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

export const ENGINES: readonly EngineFixture[] = [
  { engine: "pglite", create: createPgliteDatabase },
  { engine: "postgres", create: createPostgresDatabase },
];

export { openDatabase };
