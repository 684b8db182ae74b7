import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const backoff = { baseMs: 1000, maxMs: 8000, jitter: 0.2 };

/** Runs a failing reconciler and returns the gaps between its attempts. */
async function retryGaps(random: () => number, attempts: number): Promise<number[]> {
  const times: number[] = [];
  const queue = new WorkQueue(
    async () => {
      times.push(Date.now());
      throw new Error("apply failed");
    },
    { backoff, random, log: silentLogger },
  );
  queue.add("ns/s");
  while (times.length < attempts) await vi.advanceTimersByTimeAsync(100);
  await queue.shutdown();
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

test("retries of a failing key back off exponentially up to the maximum", async () => {
  const gaps = await retryGaps(() => 0.5, 6);
  expect(gaps).toEqual([1000, 2000, 4000, 8000, 8000]);
});

test("jitter keeps each retry within ±20% of the nominal delay", async () => {
  const low = await retryGaps(() => 0, 4);
  const high = await retryGaps(() => 0.999, 4);
  // Observed with 100 ms timer steps, so allow one step of rounding up.
  const within = (gap: number, lo: number, hi: number) => gap >= lo && gap <= hi + 100;
  expect(low.every((g, i) => within(g, 800 * 2 ** i, 800 * 2 ** i))).toBe(true);
  expect(high.every((g, i) => within(g, 1198 * 2 ** i, 1200 * 2 ** i))).toBe(true);
});

test("a success resets the failure count, so the next failure retries quickly again", async () => {
  let failing = true;
  const times: number[] = [];
  const queue = new WorkQueue(
    async () => {
      times.push(Date.now());
      if (failing) throw new Error("boom");
    },
    { backoff, random: () => 0.5, log: silentLogger },
  );
  queue.add("k");
  await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000); // attempts at 0, 1000, 3000, 7000
  expect(times).toHaveLength(4);
  expect(queue.failureCount("k")).toBe(4);

  failing = false;
  await vi.advanceTimersByTimeAsync(8000); // fifth attempt succeeds
  expect(times).toHaveLength(5);
  expect(queue.failureCount("k")).toBe(0);

  failing = true;
  const before = times.length;
  queue.add("k");
  await vi.advanceTimersByTimeAsync(1000);
  expect(times.length - before).toBe(2); // the failing attempt and its first, 1 s, retry
  await queue.shutdown();
});
