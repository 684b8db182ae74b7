// `kubectl describe session` tells the Session's story in Events: started, ready, hibernated, problems.
import { expect, it } from "vitest";
import { kubectlJson, waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  patchSpec,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

interface Event {
  type: string;
  reason: string;
  eventTime: string;
  note?: string;
  reportingController?: string;
  regarding?: { kind?: string; name?: string };
}

const ns = useReconciler("ss-events", {}, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
});

async function eventsOf(name: string): Promise<Event[]> {
  const list = await kubectlJson<{ items: Event[] }>(["get", "events.events.k8s.io", "-n", ns.name]);
  return list.items
    .filter((e) => e.regarding?.kind === "Session" && e.regarding.name === name)
    .sort((a, b) => a.eventTime.localeCompare(b.eventTime));
}

it("tells a Session's readiness and hibernation, each once", async () => {
  await apply(session(ns.name, "s1", { template: "firefox" }));
  await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running");
  await patchSpec(ns.name, "s1", { state: "hibernated" });
  await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Hibernated", "Hibernated");

  const events = await waitFor(
    async () => {
      const found = await eventsOf("s1");
      return found.some((e) => e.reason === "Hibernated") ? found : undefined;
    },
    { what: "the Hibernated event" },
  );
  const told = events.map((e) => `${e.type} ${e.reason}`);
  expect(told).toEqual(["Normal Ready", "Normal Hibernating", "Normal Hibernated"]);
  expect(events[0]?.reportingController).toBe("streamspace.io/session-controller");
});

it("warns when a Session names a Template that does not exist", async () => {
  await apply(session(ns.name, "s2", { template: "nope" }));
  const events = await waitFor(
    async () => {
      const found = await eventsOf("s2");
      return found.length > 0 ? found : undefined;
    },
    { what: "an event for s2" },
  );
  expect(events).toEqual([
    expect.objectContaining({
      type: "Warning",
      reason: "TemplateNotFound",
      note: expect.stringContaining("Template nope does not exist"),
    }),
  ]);
});
