/**
 * A reconcile that runs before the watch delivers our own write must see what we wrote, or it writes
 * the same change again (and tells its Events twice).
 */
import { expect, test } from "vitest";
import type { Session } from "../../src/api/generated/types.js";
import { OwnWrites } from "../../src/core/own-writes.js";

const at = (resourceVersion: string, phase?: "Pending" | "Running" | "Hibernated"): Session => ({
  metadata: { name: "s1", namespace: "ns", resourceVersion },
  spec: { user: "alice", template: "firefox" },
  ...(phase ? { status: { phase } } : {}),
});

test("while the cache lags behind our writes, the object is as our last write left it", () => {
  const written = new OwnWrites<Session>();
  written.remember("ns/s1", at("5", "Running"));
  expect(written.fresher("ns/s1", at("4"))?.status?.phase).toBe("Running");
  // Written again: the cache may now show the first write, still older than the second.
  written.remember("ns/s1", at("6", "Hibernated"));
  expect(written.fresher("ns/s1", at("5", "Running"))?.status?.phase).toBe("Hibernated");
});

test("once the cache has caught up or moved on, it is the truth again", () => {
  const written = new OwnWrites<Session>();
  written.remember("ns/s1", at("5", "Running"));
  expect(written.fresher("ns/s1", at("9", "Pending"))?.status?.phase).toBe("Pending");
  // Forgotten once passed: an older version seen later (a relist) is not overridden.
  expect(written.fresher("ns/s1", at("4", "Pending"))?.status?.phase).toBe("Pending");
});

test("an object not in the cache yet is our write", () => {
  const written = new OwnWrites<Session>();
  written.remember("ns/s1", at("5", "Running"));
  expect(written.fresher("ns/s1", undefined)?.status?.phase).toBe("Running");
});
