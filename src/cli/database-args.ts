import type { DatabaseTarget } from "../db/database.js";
import { CommandError } from "./run-main.js";

/** Where the embedded database lives when no --data-dir is given: beside where the command runs. */
export const DEFAULT_DATA_DIR = ".streamspace/data";

export const databaseOptions = {
  "data-dir": { type: "string" },
  "database-url": { type: "string" },
} as const;

export const DATABASE_USAGE = `  --data-dir DIR        embedded database (PGlite) directory (default ${DEFAULT_DATA_DIR})
  --database-url URL    PostgreSQL instead (or STREAMSPACE_DATABASE_URL); the URL may carry the password`;

/** --database-url, else STREAMSPACE_DATABASE_URL (how the Deployment passes the Secret), else --data-dir. */
export function databaseTarget(
  values: Record<string, string | boolean | string[] | undefined>,
): DatabaseTarget {
  const url = (values["database-url"] as string | undefined) ?? process.env.STREAMSPACE_DATABASE_URL;
  if (url && values["data-dir"]) throw new CommandError("give either --data-dir or --database-url, not both");
  return url ? { url } : { dataDir: (values["data-dir"] as string | undefined) ?? DEFAULT_DATA_DIR };
}
