import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test("addAfter reconciles the key once the delay has passed, not before", async () => {
  const calls: number[] = [];
  const queue = new WorkQueue(
    async () => {
      calls.push(Date.now());
    },
    { log: silentLogger },
  );
  const start = Date.now();
  queue.addAfter("ns/s", 5000);
  await vi.advanceTimersByTimeAsync(4999);
  expect(calls).toHaveLength(0);
  await vi.advanceTimersByTimeAsync(1);
  expect(calls).toEqual([start + 5000]);
});

test("of several delayed adds for one key the earliest wins and it runs once", async () => {
  let calls = 0;
  const queue = new WorkQueue(
    async () => {
      calls++;
    },
    { log: silentLogger },
  );
  queue.addAfter("ns/s", 10_000);
  queue.addAfter("ns/s", 2000);
  queue.addAfter("ns/s", 7000);
  await vi.advanceTimersByTimeAsync(2000);
  expect(calls).toBe(1);
  await vi.advanceTimersByTimeAsync(20_000);
  expect(calls).toBe(1);
});

test("a reconcile returning requeueAfterMs is reconciled again after that time", async () => {
  const calls: number[] = [];
  const queue = new WorkQueue(
    async () => {
      calls.push(Date.now());
      return calls.length < 3 ? { requeueAfterMs: 30_000 } : undefined;
    },
    { log: silentLogger },
  );
  const start = Date.now();
  queue.add("ns/idle-check");
  await vi.advanceTimersByTimeAsync(120_000);
  expect(calls).toEqual([start, start + 30_000, start + 60_000]);
});

test("a reconcile's requeueAfterMs replaces the key's pending one: a resync in between postpones it", async () => {
  const calls: number[] = [];
  const queue = new WorkQueue(
    async () => {
      calls.push(Date.now());
      return { requeueAfterMs: 600_000 };
    },
    { log: silentLogger },
  );
  const start = Date.now();
  queue.add("ns/s");
  await vi.advanceTimersByTimeAsync(60_000);
  queue.add("ns/s"); // the informer's resync
  await vi.advanceTimersByTimeAsync(600_000);
  // Without the replacement the first pass's timer would have fired at start + 600 s as well.
  expect(calls).toEqual([start, start + 60_000, start + 660_000]);
});
