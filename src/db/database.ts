import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";

// One small interface over the two engines the API runs on: PGlite (Postgres compiled to WebAssembly,
// in-process, one connection) for a single-machine install, and a pg Pool for an external PostgreSQL.
// Both speak the same SQL with $1 placeholders, so the rest of the API never asks which one it has.

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly engine: "pglite" | "postgres";
  /** Runs `work` in one transaction on one connection; a throw rolls it back. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements in one round trip (migrations). */
  exec(sql: string): Promise<void>;
  /** Pool figures for the metrics; PGlite has one connection. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export type DatabaseTarget = { readonly dataDir: string } | { readonly url: string };

/** Every statement gets a deadline: a stuck server must fail requests, not hang them. */
const STATEMENT_TIMEOUT_MS = 10_000;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return "url" in target ? openPostgres(target.url) : openPglite(target.dataDir);
}

/** Shared buffers of the embedded database. */
export const PGLITE_SHARED_BUFFERS = "16MB";

async function openPglite(dataDir: string): Promise<Database> {
  // PGlite creates the data directory but not its parents.
  if (!dataDir.includes("://")) mkdirSync(dataDir, { recursive: true });
  // Postgres's 128 MB of shared buffers are resident in the WebAssembly memory from the start; the
  // platform's tables are a few MB, so 16 MB keep them cached at ~110 MB less RSS (docs/decisions/0113).
  const db = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  // PGlite has a single connection, so statements already run one at a time; a transaction must not
  // interleave with other requests' statements, hence the queue.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => {});
    return run;
  };
  return {
    engine: "pglite",
    query: <T extends Row>(sql: string, params: readonly unknown[] = []) =>
      serial(async () => (await db.query<T>(sql, params as unknown[])).rows),
    exec: (sql) => serial(async () => void (await db.exec(sql))),
    transaction: (work) =>
      serial(() =>
        db.transaction((tx) =>
          work({
            query: async <T extends Row>(sql: string, params: readonly unknown[] = []) =>
              (await tx.query<T>(sql, params as unknown[])).rows,
          }),
        ),
      ),
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 1_000,
  });
  // An idle client's error (server restart) would otherwise be an unhandled 'error' event.
  pool.on("error", () => {});
  const query = async <T extends Row>(
    client: pg.Pool | pg.PoolClient,
    sql: string,
    params: readonly unknown[] = [],
  ) => (await client.query(sql, params as unknown[])).rows as T[];
  return {
    engine: "postgres",
    query: (sql, params) => query(pool, sql, params),
    exec: async (sql) => void (await pool.query(sql)),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work({ query: (sql, params) => query(client, sql, params) });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}
