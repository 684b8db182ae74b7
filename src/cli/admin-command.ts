import { openDatabase } from "../db/database.js";
import { migrate } from "../db/migrate.js";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../identity/passwords.js";
import { checkUserName, createUser, UserExistsError } from "../identity/users.js";
import { DATABASE_USAGE, databaseOptions, databaseTarget } from "./database-args.js";
import { CommandError } from "./run-main.js";
import type { Command } from "./streamspace.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export const createUserCommand: Command = {
  usage: `usage: streamspace admin create-user <name> [--admin] [--data-dir DIR | --database-url URL]

Creates a local user; the password is read from standard input (echo -n 'pw' | streamspace admin ...).
The embedded database can be open in one process only: run this before starting the API on the same
--data-dir, or create users through the API (POST /api/v1/users).
  --admin               make the user an admin
${DATABASE_USAGE}`,
  options: { admin: { type: "boolean" }, ...databaseOptions },
  positionals: 1,
  async run(values, [name = ""]) {
    const problem = checkUserName(name);
    if (problem) throw new CommandError(`user name ${JSON.stringify(name)} ${problem}`);
    const password = await readStdin();
    if (password.length < MIN_PASSWORD_LENGTH)
      throw new CommandError(
        `the password on standard input must have at least ${MIN_PASSWORD_LENGTH} characters`,
      );
    const db = await openDatabase(databaseTarget(values));
    try {
      await migrate(db);
      const user = await createUser(db, {
        name,
        passwordHash: await hashPassword(password),
        admin: values.admin === true,
      }).catch((error: unknown) => {
        throw error instanceof UserExistsError ? new CommandError(error.message) : error;
      });
      console.log(`created user ${user.name}${user.admin ? " (admin)" : ""}`);
    } finally {
      await db.close();
    }
  },
};
