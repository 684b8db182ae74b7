import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { V1Lease } from "@kubernetes/client-node";
import { afterEach, expect, test } from "vitest";
import { LeaderElector } from "../../src/core/leader.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubeconfigPath, kubectlJson, useNamespace, waitFor } from "../support/kube.js";

const ns = useNamespace("leader");

// Short timings keep the test quick; the protocol is the same as with the 15 s defaults.
const LEASE_S = 6;
const RENEW_DEADLINE_MS = 4000;
const RETRY_MS = 1000;

const electors: LeaderElector[] = [];
let child: ChildProcess | undefined;
afterEach(async () => {
  child?.kill("SIGKILL");
  child = undefined;
  await Promise.all(electors.splice(0).map((e) => e.stop()));
});

function elector(
  lease: string,
  identity: string,
  onStartedLeading: (signal: AbortSignal) => void | Promise<void> = () => {},
) {
  const e = new LeaderElector({
    kubeConfig: kubeConfig(),
    namespace: ns.name,
    name: lease,
    identity,
    leaseDurationSeconds: LEASE_S,
    renewDeadlineMs: RENEW_DEADLINE_MS,
    retryPeriodMs: RETRY_MS,
    onStartedLeading,
    log: silentLogger,
  });
  electors.push(e);
  e.start();
  return e;
}

const lease = (name: string) => kubectlJson<V1Lease>(["get", "lease", name, "-n", ns.name]);

/** A candidate in its own process, so it can die the way a crashed pod does: no release, no goodbye. */
async function leaderProcess(leaseName: string, identity: string): Promise<ChildProcess> {
  const leaderModule = fileURLToPath(new URL("../../src/core/leader.ts", import.meta.url));
  const logModule = fileURLToPath(new URL("../../src/telemetry/log.ts", import.meta.url));
  const script = `
    import { KubeConfig } from "@kubernetes/client-node";
    import { LeaderElector } from ${JSON.stringify(leaderModule)};
    import { silentLogger } from ${JSON.stringify(logModule)};
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(${JSON.stringify(kubeconfigPath())});
    new LeaderElector({
      kubeConfig, namespace: ${JSON.stringify(ns.name)}, name: ${JSON.stringify(leaseName)}, identity: ${JSON.stringify(identity)},
      leaseDurationSeconds: ${LEASE_S}, renewDeadlineMs: ${RENEW_DEADLINE_MS}, retryPeriodMs: ${RETRY_MS},
      onStartedLeading: () => console.log("LEADING"), log: silentLogger,
    }).start();`;
  const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout?.on("data", (c: Buffer) => {
    out += c.toString();
  });
  proc.stderr?.on("data", (c: Buffer) => {
    err += c.toString();
  });
  await waitFor(
    () => {
      if (proc.exitCode !== null) throw new Error(`leader process exited: ${err}`);
      return out.includes("LEADING");
    },
    { what: "the leader process to lead", timeoutMs: 30_000 },
  );
  return proc;
}

test("of two candidates on one Lease exactly one leads, and the Lease names it", async () => {
  const a = elector("one-leader", "a");
  const b = elector("one-leader", "b");
  await waitFor(() => a.isLeader || b.isLeader, { what: "a leader" });
  for (let i = 0; i < 30; i++) {
    expect([a, b].filter((e) => e.isLeader)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 100));
  }
  const leader = a.isLeader ? "a" : "b";
  expect((await lease("one-leader")).spec?.holderIdentity).toBe(leader);
  expect((a.isLeader ? b : a).holder).toBe(leader);
});

test("when the leader dies without releasing, a follower takes over once the lease has expired", async () => {
  child = await leaderProcess("crash", "doomed");
  const follower = elector("crash", "survivor");
  await waitFor(() => follower.holder === "doomed", { what: "the follower to see the leader" });
  await new Promise((r) => setTimeout(r, 2 * RETRY_MS));
  expect(follower.isLeader).toBe(false);

  const killedAt = Date.now();
  child.kill("SIGKILL");
  await waitFor(() => follower.isLeader, { what: "the follower to lead", timeoutMs: 20_000, intervalMs: 50 });
  const tookMs = Date.now() - killedAt;

  // Not before expiry (the last renewal was at most one retry period before the kill)…
  expect(tookMs).toBeGreaterThanOrEqual(LEASE_S * 1000 - RETRY_MS - 500);
  // …and within the lease duration plus the follower's polling (observation and attempt, ≤ 1.2 retry each).
  expect(tookMs).toBeLessThanOrEqual(LEASE_S * 1000 + 2.4 * RETRY_MS + 1000);
  const after = await lease("crash");
  expect(after.spec?.holderIdentity).toBe("survivor");
  expect(after.spec?.leaseTransitions).toBe(1);
});

test("a leader that stops gracefully finishes its work, releases, and a follower takes over at once", async () => {
  const log: string[] = [];
  const first = elector("handoff", "first", async (signal) => {
    log.push("first started");
    await new Promise((r) => signal.addEventListener("abort", r, { once: true }));
    // Draining the queue takes a moment; the Lease must stay held until it is done.
    await new Promise((r) => setTimeout(r, 500));
    log.push("first finished");
  });
  await waitFor(() => first.isLeader, { what: "first to lead" });
  const second = elector("handoff", "second", () => {
    log.push("second started");
  });
  await waitFor(() => second.holder === "first", { what: "second to follow" });

  const stoppedAt = Date.now();
  await first.stop();
  await waitFor(() => second.isLeader, { what: "second to lead", timeoutMs: 20_000, intervalMs: 50 });
  const tookMs = Date.now() - stoppedAt;

  expect(tookMs).toBeLessThan(3000);
  expect(log).toEqual(["first started", "first finished", "second started"]);
  expect((await lease("handoff")).spec?.holderIdentity).toBe("second");
});
