// A throwaway PostgreSQL server from Debian's `postgresql` package: initdb in a temp directory, pg_ctl on
// a free loopback port. As root, the server runs as the `postgres` user (postgres refuses to run as root).
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export interface PostgresServer {
  /** URL of the server's `postgres` database as the trusted superuser `streamspace`. */
  readonly url: string;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, "bin")).find((d) => existsSync(join(d, "pg_ctl")));
  if (!found) throw new Error("PostgreSQL is not installed: apt-get install postgresql (see .ci/run)");
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "streamspace-pg-"));
  const asRoot = process.getuid?.() === 0;
  const postgresUid = asRoot ? Number((await execFileAsync("id", ["-u", "postgres"])).stdout) : undefined;
  const postgresGid = asRoot ? Number((await execFileAsync("id", ["-g", "postgres"])).stdout) : undefined;
  if (postgresUid !== undefined && postgresGid !== undefined) chownSync(dir, postgresUid, postgresGid);
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileAsync("runuser", ["-u", "postgres", "--", join(bin, tool), ...args], { timeout: 60_000 })
      : execFileAsync(join(bin, tool), args, { timeout: 60_000 });
  const data = join(dir, "data");
  await run("initdb", ["-D", data, "-U", "streamspace", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  await run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "60", "start"]);
  const pid = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  // SIGQUIT is postgres' immediate shutdown. Sent synchronously, also on exit, so that a test run that
  // ends without its teardown (vitest skips it when killed or timed out) leaves no server behind.
  const kill = () => {
    try {
      process.kill(pid, "SIGQUIT");
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", kill);
  return {
    url: `postgres://streamspace@127.0.0.1:${port}/postgres`,
    async stop() {
      process.off("exit", kill);
      kill();
    },
  };
}
