// Session alice.firefox and a Session named after alice.firefox's shortened object name each get their
// own Deployment, Service and Ingress: neither takes over the other's.
import { expect, test } from "vitest";
import { sessionObjectName } from "../../src/api/names.js";
import { kubectlJson } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  getSession,
  session,
  useReconciler,
  waitForApplied,
} from "../support/streamspace.js";

const DOTTED = "alice.firefox";
const LOOKALIKE = sessionObjectName(DOTTED).replace(/^ss-/, "");

const ns = useReconciler("ss-names-distinct", {}, async (namespace) => {
  await apply(desktopTemplate(namespace, "firefox"));
  await apply(session(namespace, DOTTED, { template: "firefox" }));
  await waitForApplied(namespace, DOTTED);
  await apply(session(namespace, LOOKALIKE, { template: "firefox" }));
  await waitForApplied(namespace, LOOKALIKE);
});

type Owned = { metadata: { ownerReferences?: Array<{ uid: string }> } };

test("each Session owns its own objects", async () => {
  const [dotted, lookalike] = await Promise.all([
    getSession(ns.name, DOTTED),
    getSession(ns.name, LOOKALIKE),
  ]);
  const namesOf = (s: typeof dotted) => (s.status?.inventory ?? []).map((r) => `${r.kind}/${r.name}`);
  expect(namesOf(dotted).filter((n) => namesOf(lookalike).includes(n))).toEqual([]);
  for (const s of [dotted, lookalike]) {
    for (const ref of s.status?.inventory ?? []) {
      const object = await kubectlJson<Owned>(["get", ref.kind.toLowerCase(), ref.name, "-n", ns.name]);
      expect(
        object.metadata.ownerReferences?.map((o) => o.uid),
        `${ref.kind} ${ref.name}`,
      ).toEqual([s.metadata?.uid]);
    }
  }
});
