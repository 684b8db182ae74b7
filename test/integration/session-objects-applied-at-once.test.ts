// A new Session's objects are applied at once, not one after the other: during a burst each reconcile
// then waits one API-server round trip instead of three, and a worker is free three times sooner.
import { afterAll, expect, it } from "vitest";
import { observeRequests } from "../../src/core/kube-http.js";
import { apply, desktopTemplate, session, useReconciler, waitForApplied } from "../support/streamspace.js";

const applies: Array<{ resource: string; start: number; end: number }> = [];
const stop = observeRequests((r) => {
  if (r.verb !== "APPLY") return;
  const end = performance.now();
  applies.push({ resource: r.resource, start: end - r.seconds * 1000, end });
});
afterAll(stop);

const ns = useReconciler("ss-at-once", {}, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
});

it("sends the Deployment, Service and Ingress of a new Session before any of them is answered", async () => {
  await apply(session(ns.name, "alice-firefox", { template: "firefox" }));
  await waitForApplied(ns.name, "alice-firefox");
  const first = ["deployments", "services", "ingresses"].map((resource) =>
    applies.find((a) => a.resource === resource),
  );
  expect(first.every(Boolean)).toBe(true);
  const requests = first as Array<{ start: number; end: number }>;
  expect(Math.max(...requests.map((r) => r.start))).toBeLessThan(Math.min(...requests.map((r) => r.end)));
});
