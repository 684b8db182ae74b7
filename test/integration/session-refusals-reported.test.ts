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
  // Pod Security as a production sessions namespace would have it.
  await kubectl(["label", "namespace", namespace, "pod-security.kubernetes.io/enforce=baseline"]);
  await apply(
    desktopTemplate(namespace, "small", { defaultResources: { limits: { cpu: "1", memory: "1Gi" } } }),
  );
  await apply(
    desktopTemplate(namespace, "admin-tools", { securityContext: { addCapabilities: ["SYS_ADMIN"] } }),
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

test("a capability outside Pod Security baseline: PodRejected, naming the capability", async () => {
  await apply(session(ns.name, "tools", { template: "admin-tools" }));
  const s = await waitForSession(
    ns.name,
    "tools",
    (x) => x.status?.reason === "PodRejected",
    "PodRejected",
    60_000,
  );
  expect(s.status?.message).toContain("SYS_ADMIN");
  expect(s.status?.message).toContain("capabilities");
  expect((await sessionEvent(ns.name, "tools", "PodRejected")).type).toBe("Warning");
});
