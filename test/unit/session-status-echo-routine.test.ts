import { expect, test } from "vitest";
import type { Session } from "../../src/api/generated/types.js";
import type { Cached } from "../../src/api/objects.js";
import { onlyStatusChanged } from "../../src/controllers/session/informers.js";

const session = (patch: { generation?: number; labels?: Record<string, string>; phase?: string }) =>
  ({
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Session",
    metadata: {
      name: "s",
      namespace: "ns",
      generation: patch.generation ?? 1,
      labels: patch.labels ?? { team: "a" },
      resourceVersion: String(Math.random()),
    },
    spec: { user: "u", template: "t" },
    status: { phase: patch.phase ?? "Pending" },
  }) as unknown as Cached<Session>;

test("a Session update that only changed its status (our own write coming back) is routine", () => {
  expect(onlyStatusChanged(session({ phase: "Running" }), session({}))).toBe(true);
});

test("a spec change (new generation) or a label change is not routine", () => {
  expect(onlyStatusChanged(session({ generation: 2 }), session({}))).toBe(false);
  expect(onlyStatusChanged(session({ labels: { team: "b" } }), session({}))).toBe(false);
});
