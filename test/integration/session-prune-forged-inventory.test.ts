// status.inventory is writable by anyone with access to sessions/status: the prune it drives must not
// delete what is not the Session's own (another user's home volume, another Session's Service).
import { expect, test } from "vitest";
import { kubectl, kubectlJson, waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  getSession,
  session,
  useReconciler,
  waitForApplied,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-forged-inventory", {}, async (namespace) => {
  await apply(desktopTemplate(namespace, "firefox"));
  await apply(session(namespace, "s1", { template: "firefox" }));
  // s2 gives bob his home volume, home-bob: the object the forged entry points at.
  await apply(session(namespace, "s2", { template: "firefox", user: "bob" }));
  for (const name of ["s1", "s2"]) await waitForApplied(namespace, name);
});

type Meta = { metadata: { uid: string; deletionTimestamp?: string } };

test("a forged inventory entry is dropped, and the object it names is not deleted", async () => {
  const pvc = await kubectlJson<Meta>(["get", "pvc", "home-bob", "-n", ns.name]);
  const service = await kubectlJson<Meta>(["get", "service", "ss-s2", "-n", ns.name]);
  const s1 = await getSession(ns.name, "s1");
  const forged = [
    { apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: ns.name, name: "home-bob" },
    { apiVersion: "v1", kind: "Service", namespace: ns.name, name: "ss-s2" },
  ];
  const inventory = [...(s1.status?.inventory ?? []), ...forged];
  await kubectl([
    "patch",
    "session",
    "s1",
    "-n",
    ns.name,
    "--subresource=status",
    "--type=merge",
    "-p",
    JSON.stringify({ status: { inventory } }),
  ]);
  // Trigger a reconcile of s1 even if the status change alone did not.
  await kubectl(["annotate", "session", "s1", "-n", ns.name, "test/poke=1"]);
  await waitForSession(
    ns.name,
    "s1",
    (s) => !s.status?.inventory?.some((r) => r.name === "home-bob" || r.name === "ss-s2"),
    "forged entries dropped",
  );
  const pvcAfter = await kubectlJson<Meta>(["get", "pvc", "home-bob", "-n", ns.name]);
  const serviceAfter = await kubectlJson<Meta>(["get", "service", "ss-s2", "-n", ns.name]);
  expect(pvcAfter.metadata.uid).toBe(pvc.metadata.uid);
  expect(pvcAfter.metadata.deletionTimestamp).toBeUndefined();
  expect(serviceAfter.metadata.uid).toBe(service.metadata.uid);
  expect(serviceAfter.metadata.deletionTimestamp).toBeUndefined();
  await waitFor(async () => (await getSession(ns.name, "s2")).status?.inventory?.length === 3, {
    what: "s2 intact",
  });
});
