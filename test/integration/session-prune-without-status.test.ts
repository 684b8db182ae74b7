// A Session with no status (its first one still held back, or lost: restores from a backup drop
// status) has no recorded inventory. Terminating it must still remove its Deployment, Service and
// Ingress, found in the reconciler's caches, and leave another Session's objects alone.
import { afterAll, expect, it } from "vitest";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  installCrds,
  patchSpec,
  session,
  startTestReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useNamespace("ss-prune-no-status");
let reconciler: RunningReconciler | undefined;
afterAll(() => reconciler?.stop());

async function names(kind: string): Promise<string[]> {
  const list = await kubectlJson<{ items: Array<{ metadata: { name: string } }> }>([
    "get",
    kind,
    "-n",
    ns.name,
  ]);
  return list.items.map((o) => o.metadata.name).sort();
}

it("terminating a Session whose status was lost removes its objects", async () => {
  await installCrds();
  await apply(desktopTemplate(ns.name, "firefox"));
  reconciler = await startTestReconciler(ns.name);
  for (const name of ["lost", "kept"]) {
    await apply(session(ns.name, name, { template: "firefox", user: name === "lost" ? "alice" : "bob" }));
  }
  for (const name of ["lost", "kept"]) {
    await waitForSession(ns.name, name, (s) => s.status?.phase === "Running", "Running");
  }
  await reconciler.stop();

  await kubectl([
    ...["patch", "session", "lost", "-n", ns.name, "--subresource=status", "--type=json"],
    ...["-p", JSON.stringify([{ op: "remove", path: "/status" }])],
  ]);
  await patchSpec(ns.name, "lost", { state: "terminated" });
  reconciler = await startTestReconciler(ns.name);

  await waitForSession(ns.name, "lost", (s) => s.status?.phase === "Terminated", "Terminated");
  await waitFor(async () => (await names("deployments")).length === 1, { what: "lost's Deployment gone" });
  expect(await names("deployments")).toEqual(["ss-kept"]);
  expect(await names("services")).toEqual(["ss-kept"]);
  expect(await names("ingresses")).toEqual(["ss-kept"]);
});
