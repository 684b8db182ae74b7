// `streamspace` prints its usage for --help (exit 0) and for an unknown command or option (exit 2),
// never a stack trace; every subcommand has --help.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function streamspace(...args: string[]) {
  const r = spawnSync("node", ["bin/streamspace.js", ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

describe("the streamspace command", () => {
  it("prints the usage for --help and exits 0", () => {
    const r = streamspace("--help");
    expect(r.status).toBe(0);
    expect(r.out).toContain("usage: streamspace <command>");
    for (const command of ["reconcile", "api", "gateway", "admin create-user"])
      expect(r.out).toContain(command);
  });

  it.each(["reconcile", "api", "gateway", "admin create-user"])("%s --help shows its options", (command) => {
    const r = streamspace(...command.split(" "), "--help");
    expect(r.status).toBe(0);
    expect(r.out).toContain(`usage: streamspace ${command}`);
  });

  it.each([[["bogus"]], [["api", "--bogus"]], [["admin", "create-user"]], [["reconcile", "extra"]]])(
    "%j prints the usage and exits 2, without a stack trace",
    (args) => {
      const r = streamspace(...args);
      expect(r.status).toBe(2);
      expect(r.err).toContain("usage: streamspace");
      expect(r.err).not.toMatch(/\n\s+at /);
    },
  );
});

describe("streamspace reconcile's number flags", () => {
  it.each([
    [["--concurrency", "0"], '--concurrency: "0" is not a whole number from 1 to 1000'],
    [["--max-concurrency", "2.5"], '--max-concurrency: "2.5" is not a whole number from 1 to 1000'],
    [["--concurrency", "16", "--max-concurrency", "4"], "--max-concurrency 4 is below --concurrency 16"],
    [["--metrics-port", "80x"], '--metrics-port: "80x" is not a port number'],
  ])("%j is refused before anything starts, naming the flag and the fix", (args, message) => {
    const r = streamspace("reconcile", ...args);
    expect(r.status).toBe(1);
    expect(r.err).toContain(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
