// A Session whose pod is Ready within the first-status hold is told once: its first status is
// Running and its only Event is Ready, with no Pending status or Starting Event before them. The
// reconciler's clock runs a minute behind the API server's, so the hold lasts until the pod is Ready
// however slow the machine is.
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Session } from "../../src/api/generated/types.js";
import { API_GROUP, API_VERSION } from "../../src/api/schemas/index.js";
import { Informer } from "../../src/core/informer.js";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubectlJson, useNamespace, waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  installCrds,
  session,
  startTestReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useNamespace("ss-first-status");
let reconciler: RunningReconciler | undefined;
let watch: Informer<Session & KubernetesObject> | undefined;
const phasesSeen: string[] = [];

beforeAll(async () => {
  await installCrds();
  await apply(desktopTemplate(ns.name, "firefox"));
  watch = new Informer<Session & KubernetesObject>({
    kubeConfig: kubeConfig(),
    namespace: ns.name,
    resource: { group: API_GROUP, version: API_VERSION, plural: "sessions" },
    log: createLogger({ level: "error" }),
  });
  const record = (s: Session) => {
    const phase = s.status?.phase;
    if (phase && phasesSeen.at(-1) !== phase) phasesSeen.push(phase);
  };
  watch.on("add", record);
  watch.on("update", record);
  watch.start();
  await watch.whenSynced();
  reconciler = await startTestReconciler(ns.name, {}, { now: () => Date.now() - 60_000 });
});

afterAll(async () => {
  await reconciler?.stop();
  await watch?.stop();
});

it("writes Running as the first status and tells only Ready", async () => {
  await apply(session(ns.name, "quick", { template: "firefox" }));
  const running = await waitForSession(ns.name, "quick", (s) => s.status?.phase === "Running", "Running");
  expect(running.status?.inventory?.map((r) => r.kind).sort()).toEqual(["Deployment", "Ingress", "Service"]);
  await waitFor(() => phasesSeen.includes("Running"), { what: "the watch to see Running" });
  expect(phasesSeen).toEqual(["Running"]);

  const events = await waitFor(
    async () => {
      const list = await kubectlJson<{
        items: Array<{ type: string; reason: string; regarding?: { name?: string } }>;
      }>(["get", "events.events.k8s.io", "-n", ns.name]);
      const about = list.items.filter((e) => e.regarding?.name === "quick");
      return about.some((e) => e.reason === "Ready") ? about : undefined;
    },
    { what: "the Ready Event" },
  );
  expect(events.map((e) => `${e.type} ${e.reason}`)).toEqual(["Normal Ready"]);
});
