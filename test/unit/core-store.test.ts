import type { KubernetesObject } from "@kubernetes/client-node";
import { expect, test } from "vitest";
import { objectKey, Store, splitKey } from "../../src/core/store.js";

interface Session extends KubernetesObject {
  spec: { user: string; template: string };
}

const session = (ns: string, name: string, template: string, rv = "1"): Session => ({
  metadata: { namespace: ns, name, resourceVersion: rv },
  spec: { user: "alice", template },
});

test("a secondary index follows updates and deletes", () => {
  const store = new Store<Session>({ template: (s) => [`${s.metadata?.namespace}/${s.spec.template}`] });
  store.upsert(session("team-a", "s1", "firefox"));
  store.upsert(session("team-a", "s2", "firefox"));
  store.upsert(session("team-b", "s3", "firefox"));
  expect(store.byIndex("template", "team-a/firefox").map(objectKey).sort()).toEqual([
    "team-a/s1",
    "team-a/s2",
  ]);

  // s2 switches template: it must leave the old index entry, not just join the new one.
  store.upsert(session("team-a", "s2", "gimp", "2"));
  expect(store.byIndex("template", "team-a/firefox").map(objectKey)).toEqual(["team-a/s1"]);
  expect(store.byIndex("template", "team-a/gimp").map(objectKey)).toEqual(["team-a/s2"]);

  store.delete("team-a/s1");
  expect(store.byIndex("template", "team-a/firefox")).toEqual([]);
  expect(store.list("team-a").map(objectKey)).toEqual(["team-a/s2"]);
  expect(store.list().map(objectKey).sort()).toEqual(["team-a/s2", "team-b/s3"]);
});

test("keys are namespace/name, or the name alone for cluster-scoped objects", () => {
  expect(objectKey({ metadata: { namespace: "ns", name: "a" } })).toBe("ns/a");
  expect(objectKey({ metadata: { name: "node-1" } })).toBe("node-1");
  expect(splitKey("ns/a")).toEqual({ namespace: "ns", name: "a" });
  expect(splitKey("node-1")).toEqual({ name: "node-1" });
});

test("asking for an index that was never defined is an error, not an empty answer", () => {
  expect(() => new Store().byIndex("tempalte", "x")).toThrow(/unknown index/);
});
