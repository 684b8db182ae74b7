// A reconciler that starts on Sessions already as desired writes nothing: no apply, no status update.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METRICS } from "../../src/api/metrics.js";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { kubectlJson, useNamespace, waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  installCrds,
  metricValue,
  session,
  startTestReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useNamespace("ss-quiet");
let reconciler: RunningReconciler | undefined;
const SESSIONS = ["a", "b", "c"];

async function resourceVersions(): Promise<Record<string, string>> {
  const list = await kubectlJson<{
    items: Array<{ kind: string; metadata: { name: string; resourceVersion: string } }>;
  }>(["get", "sessions,deployments,services,ingresses,templates", "-n", ns.name]);
  return Object.fromEntries(
    list.items.map((i) => [`${i.kind}/${i.metadata.name}`, i.metadata.resourceVersion]),
  );
}

beforeAll(async () => {
  await installCrds();
  reconciler = await startTestReconciler(ns.name);
  await apply(desktopTemplate(ns.name, "firefox"));
  for (const name of SESSIONS) await apply(session(ns.name, name, { template: "firefox" }));
  for (const name of SESSIONS)
    await waitForSession(ns.name, name, (s) => s.status?.phase === "Running", "Running");
  await reconciler.stop();
  reconciler = undefined;
});
afterAll(() => reconciler?.stop());

describe("a restarted reconciler on quiet sessions", () => {
  it("reconciles every session and writes nothing", async () => {
    const before = await resourceVersions();
    expect(Object.keys(before).length).toBe(1 + SESSIONS.length * 4);
    reconciler = await startTestReconciler(ns.name);
    const running = reconciler;
    await waitFor(
      async () =>
        (await metricValue(running, METRICS.reconcileTotal, { controller: "session" })) >= SESSIONS.length,
      {
        what: "a reconcile of every session",
      },
    );
    // Give any write a moment to land before comparing.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await resourceVersions()).toEqual(before);
    expect(await metricValue(running, METRICS.applyTotal, { result: "unchanged" })).toBeGreaterThanOrEqual(
      SESSIONS.length * 3,
    );
    expect(await metricValue(running, METRICS.applyTotal, { result: "configured" })).toBe(0);
    expect(await metricValue(running, METRICS.applyTotal, { result: "created" })).toBe(0);
  });
});
