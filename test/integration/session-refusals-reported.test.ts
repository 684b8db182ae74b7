// What the API server refuses to run reaches the Session: its status (stalled, the server's message
// naming the field) and a Warning Event, not only a log line.
import { expect, test } from "vitest";
import { kubectl } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  session,
  sessionEvent,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-refusals", {}, async (namespace) => {
  // Pod Security stricter than the platform's Template policy (baseline), so that a Template the policy
  // accepts still has its pod refused by the API server.
  await kubectl(["label", "namespace", namespace, "pod-security.kubernetes.io/enforce=restricted"]);
  await apply(
    desktopTemplate(namespace, "small", { defaultResources: { limits: { cpu: "1", memory: "1Gi" } } }),
  );
  await apply(
    desktopTemplate(namespace, "root-tools", { securityContext: { runAsNonRoot: false, runAsUser: 0 } }),
  );
});

test("requests above the Template's limits: ObjectRejected, naming the requests", async () => {
  await apply(session(ns.name, "greedy", { template: "small", resources: { requests: { cpu: "4" } } }));
  const s = await waitForSession(
    ns.name,
    "greedy",
    (x) => x.status?.reason === "ObjectRejected",
    "ObjectRejected",
  );
  expect(s.status?.message).toContain("Deployment ss-greedy");
  expect(s.status?.message).toContain("resources.requests");
  expect(s.status?.conditions?.find((c) => c.type === "Stalled")?.status).toBe("True");
  expect((await sessionEvent(ns.name, "greedy", "ObjectRejected")).type).toBe("Warning");
});

test("a pod the namespace's Pod Security refuses: PodRejected, naming the field", async () => {
  await apply(session(ns.name, "tools", { template: "root-tools" }));
  const s = await waitForSession(
    ns.name,
    "tools",
    (x) => x.status?.reason === "PodRejected",
    "PodRejected",
    60_000,
  );
  expect(s.status?.message).toContain("restricted");
  expect(s.status?.message).toContain("runAsNonRoot");
  expect((await sessionEvent(ns.name, "tools", "PodRejected")).type).toBe("Warning");
});
