// Vitest global setup for the `integration` project: one throwaway PostgreSQL server per test run, so
// every database test runs on PostgreSQL as well as PGlite. Test files get its URL through
// inject("postgresUrl") and create their own database in it (test/support/databases.ts).
import type { TestProject } from "vitest/node";
import { startPostgres } from "../support/postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
