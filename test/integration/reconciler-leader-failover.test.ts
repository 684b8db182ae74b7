// Two reconciler processes, one leading through a Lease: kill the leader and the other takes over
// within the lease duration, and Sessions keep being reconciled.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigPath, kubectlJson, useNamespace, waitFor } from "../support/kube.js";
import { apply, desktopTemplate, installCrds, session, waitForSession } from "../support/streamspace.js";

const ns = useNamespace("ss-leader");
const replicas = new Map<string, ChildProcess>();

function startReplica(identity: string, configFile: string): void {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli/streamspace.ts", "reconcile", "--config", configFile, "--metrics-port", "0"],
    {
      env: { ...process.env, KUBECONFIG: kubeconfigPath(), POD_NAME: identity, LOG_LEVEL: "warn" },
      stdio: "ignore",
    },
  );
  replicas.set(identity, child);
}

async function holder(): Promise<string | undefined> {
  const lease = await kubectlJson<{ spec: { holderIdentity?: string } }>([
    "get",
    "lease",
    "streamspace-reconciler",
    "-n",
    ns.name,
  ]);
  return lease.spec.holderIdentity || undefined;
}

beforeAll(async () => {
  await installCrds();
  const dir = mkdtempSync(join(tmpdir(), "leader-"));
  const configFile = join(dir, "config.json");
  writeFileSync(configFile, JSON.stringify({ namespace: ns.name, sessionNamespace: ns.name }));
  startReplica("replica-a", configFile);
  startReplica("replica-b", configFile);
  await apply(desktopTemplate(ns.name, "firefox"));
});
afterAll(() => {
  for (const child of replicas.values()) child.kill("SIGKILL");
});

describe("leader election between two reconciler replicas", () => {
  it("has exactly one leader, which reconciles", async () => {
    const leader = await waitFor(holder, { what: "a Lease holder", timeoutMs: 60_000 });
    expect(["replica-a", "replica-b"]).toContain(leader);
    await apply(session(ns.name, "before", { template: "firefox" }));
    await waitForSession(ns.name, "before", (s) => s.status?.phase === "Running", "Running", 60_000);
  });

  it("fails over to the other replica within the lease duration when the leader is killed", async () => {
    const leader = (await holder()) as string;
    replicas.get(leader)?.kill("SIGKILL");
    const killedAt = Date.now();
    const next = await waitFor(async () => ((await holder()) !== leader ? holder() : undefined), {
      what: "a new Lease holder",
      timeoutMs: 40_000,
      intervalMs: 250,
    });
    const takeoverSeconds = (Date.now() - killedAt) / 1000;
    expect(next).not.toBe(leader);
    // Lease duration 15 s plus one retry period (2 s) and polling.
    expect(takeoverSeconds).toBeLessThan(20);
    await apply(session(ns.name, "after", { template: "firefox" }));
    await waitForSession(
      ns.name,
      "after",
      (s) => s.status?.phase === "Running",
      "Running under the new leader",
      30_000,
    );
  });
});
