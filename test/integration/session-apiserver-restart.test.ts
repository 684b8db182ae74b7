// The API server goes away mid-run and comes back: the reconciler reconnects and converges, with no
// object lost or duplicated, and changes made after the restart are carried out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/api/generated/types.js";
import { METRICS } from "../../src/api/metrics.js";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { restartApiServer } from "../support/apiserver.js";
import { kubectlJson, useNamespace } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  installCrds,
  metricValue,
  names,
  patchSpec,
  session,
  startTestReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useNamespace("ss-restart");
let reconciler: RunningReconciler;
const BEFORE = ["s1", "s2", "s3", "s4"];

beforeAll(async () => {
  await installCrds();
  reconciler = await startTestReconciler(ns.name);
  await apply(desktopTemplate(ns.name, "firefox"));
  for (const name of BEFORE) await apply(session(ns.name, name, { template: "firefox" }));
  for (const name of BEFORE)
    await waitForSession(ns.name, name, (s) => s.status?.phase === "Running", "Running");
});
afterAll(() => reconciler?.stop());

describe("an API server restart", () => {
  it("is survived: watches reconnect and later changes converge, with nothing lost or doubled", async () => {
    await restartApiServer(3000);
    await patchSpec(ns.name, "s1", { state: "hibernated" });
    await apply(session(ns.name, "s5", { template: "firefox" }));

    await waitForSession(
      ns.name,
      "s1",
      (s) => s.status?.phase === "Hibernated",
      "Hibernated after the restart",
      60_000,
    );
    await waitForSession(
      ns.name,
      "s5",
      (s) => s.status?.phase === "Running",
      "Running after the restart",
      60_000,
    );
    expect(await metricValue(reconciler, METRICS.watchRestarts)).toBeGreaterThan(0);

    const all = [...BEFORE, "s5"];
    const expected = all.map((n) => `ss-${n}`).sort();
    expect(await names("deployments", ns.name)).toEqual(expected);
    expect(await names("services", ns.name)).toEqual(expected);
    expect(await names("ingresses", ns.name)).toEqual(expected);
    const sessions = await kubectlJson<{ items: Session[] }>(["get", "sessions", "-n", ns.name]);
    expect(sessions.items.map((s) => [s.metadata?.name, s.status?.inventory?.length])).toEqual(
      [...all].sort().map((name) => [name, 3]),
    );
    // Exactly one pod per running session; none for the hibernated one.
    const pods = await kubectlJson<{ items: Array<{ metadata: { labels: Record<string, string> } }> }>([
      "get",
      "pods",
      "-n",
      ns.name,
    ]);
    const perSession = pods.items.map((p) => p.metadata.labels["streamspace.io/session"]).sort();
    expect(perSession).toEqual(["s2", "s3", "s4", "s5"]);
  });
});
