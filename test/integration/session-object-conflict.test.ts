// An object under a Session's name that another Session controls is not taken over: the Session
// reports the conflict in its status and an Event, and the object keeps its owner.
import { expect, test } from "vitest";
import { kubectlJson } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  getSession,
  session,
  sessionEvent,
  useReconciler,
  waitForApplied,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-object-conflict", {}, async (namespace) => {
  await apply(desktopTemplate(namespace, "firefox"));
  await apply(session(namespace, "s1", { template: "firefox" }));
  await waitForApplied(namespace, "s1");
});

type Owned = { metadata: { ownerReferences?: Array<{ uid: string }> } };

test("a Service controlled by another Session is left alone and the conflict is reported", async () => {
  const s1 = await getSession(ns.name, "s1");
  await apply({
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "ss-s2",
      namespace: ns.name,
      // As the reconciler labels a Session's objects: another Session's Service, as a name collision makes.
      labels: {
        "app.kubernetes.io/managed-by": "streamspace",
        "app.kubernetes.io/component": "session",
        "streamspace.io/session": "s1",
      },
      ownerReferences: [
        {
          apiVersion: "stream.streamspace.io/v1alpha1",
          kind: "Session",
          name: "s1",
          uid: s1.metadata?.uid,
          controller: true,
        },
      ],
    },
    spec: { ports: [{ port: 80 }], selector: { app: "someone-else" } },
  });
  await apply(session(ns.name, "s2", { template: "firefox", user: "bob" }));
  const s2 = await waitForSession(
    ns.name,
    "s2",
    (s) => s.status?.reason === "ObjectConflict",
    "ObjectConflict",
  );
  expect(s2.status?.message).toContain("Service ss-s2");
  expect(s2.status?.message).toContain("Session s1");
  const service = await kubectlJson<Owned & { spec: { selector: Record<string, string> } }>([
    "get",
    "service",
    "ss-s2",
    "-n",
    ns.name,
  ]);
  expect(service.metadata.ownerReferences?.map((o) => o.uid)).toEqual([s1.metadata?.uid]);
  expect(service.spec.selector).toEqual({ app: "someone-else" });
  const events = await sessionEvent(ns.name, "s2", "ObjectConflict");
  expect(events.type).toBe("Warning");
});
