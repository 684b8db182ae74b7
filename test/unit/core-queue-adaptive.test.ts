import { expect, test } from "vitest";
import { AdaptiveConcurrency } from "../../src/core/concurrency.js";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

function slowQueue(limit: AdaptiveConcurrency) {
  let running = 0;
  let maxRunning = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const queue = new WorkQueue(
    async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await gate;
      running--;
    },
    { concurrency: limit, adjustEveryMs: 20, log: silentLogger },
  );
  return { queue, release, running: () => running, maxRunning: () => maxRunning };
}

test("while changes wait, more workers start as the limit grows", async () => {
  const limit = new AdaptiveConcurrency({ min: 2, max: 6, latencyCeilingSeconds: 1 });
  const q = slowQueue(limit);
  for (let i = 0; i < 20; i++) q.queue.add(`ns/s${i}`);
  expect(q.queue.inFlight).toBe(2);

  await expect.poll(() => q.queue.inFlight).toBe(6);
  expect(q.queue.limit).toBe(6);
  q.release();
  await expect.poll(() => q.queue.depth + q.queue.inFlight).toBe(0);
  expect(q.maxRunning()).toBe(6);
  await q.queue.shutdown();
});

test("routine keys waiting do not grow the limit", async () => {
  const limit = new AdaptiveConcurrency({ min: 2, max: 6, latencyCeilingSeconds: 1 });
  const q = slowQueue(limit);
  for (let i = 0; i < 20; i++) q.queue.add(`ns/s${i}`, "routine");
  await new Promise((r) => setTimeout(r, 150));
  expect(q.queue.inFlight).toBe(2);
  expect(q.queue.limit).toBe(2);
  q.release();
  await q.queue.shutdown();
});

test("a saturated API server halves the limit of a busy queue", async () => {
  const limit = new AdaptiveConcurrency({ min: 2, max: 8, latencyCeilingSeconds: 1 });
  const q = slowQueue(limit);
  for (let i = 0; i < 20; i++) q.queue.add(`ns/s${i}`);
  await expect.poll(() => q.queue.limit).toBe(8);
  const adjust = limit.adjust.bind(limit);
  const after429: number[] = [];
  limit.adjust = (starved) => {
    const next = adjust(starved);
    after429.push(next);
    return next;
  };
  limit.observe({ code: 429, seconds: 0.01 });
  await expect.poll(() => after429.filter((l) => l < 8).length).toBeGreaterThan(1);
  // Halved in the window of the 429, then growing again while the changes still wait.
  const halved = after429.findIndex((l) => l < 8);
  expect(after429.slice(halved, halved + 2)).toEqual([4, 5]);
  q.release();
  await q.queue.shutdown();
});
