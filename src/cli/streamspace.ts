/**
 * The `streamspace` command: `reconcile` (the in-cluster reconciler), `api` (the HTTP API), `gateway` (the session gateway) and `admin`
 * (database chores from a shell). Each has --help; an unknown command or option prints the usage and
 * exits 2.
 */
import { parseArgs } from "node:util";
import { runMain } from "./run-main.js";

export class UsageError extends Error {}

export interface Command {
  readonly usage: string;
  readonly options: NonNullable<Parameters<typeof parseArgs>[0]>["options"];
  readonly positionals?: number;
  run(values: Record<string, string | boolean | string[] | undefined>, positionals: string[]): Promise<void>;
}

const USAGE = `usage: streamspace <command> [options]

commands:
  reconcile            run the reconciler (in a cluster, or against KUBECONFIG)
  api                  serve the StreamSpace HTTP API
  gateway              serve the session gateway (each session on its own origin, owner only)
  admin create-user    create a local user in the API's database

streamspace <command> --help shows a command's options.`;

async function commands(): Promise<Record<string, () => Promise<Command>>> {
  return {
    reconcile: async () => (await import("./reconcile-command.js")).reconcileCommand,
    api: async () => (await import("./api-command.js")).apiCommand,
    gateway: async () => (await import("./gateway-command.js")).gatewayCommand,
    "admin create-user": async () => (await import("./admin-command.js")).createUserCommand,
  };
}

async function main(argv: string[]): Promise<void> {
  const table = await commands();
  const [first, second] = argv;
  const key = first === "admin" ? `admin ${second ?? ""}` : (first ?? "");
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    console.log(USAGE);
    return;
  }
  const load = table[key];
  if (!load) throw new UsageError(`unknown command: ${key.trim()}`);
  const command = await load();
  const rest = argv.slice(first === "admin" ? 2 : 1);
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(command.usage);
    return;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${command.usage}`);
  }
  if (parsed.positionals.length !== (command.positionals ?? 0))
    throw new UsageError(`wrong number of arguments\n\n${command.usage}`);
  await command.run(
    parsed.values as Record<string, string | boolean | string[] | undefined>,
    parsed.positionals,
  );
}

runMain(async () => {
  try {
    await main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message.includes("usage:") ? error.message : `${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
});
