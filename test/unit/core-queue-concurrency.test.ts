import { expect, test } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

test("no more reconciles run at once than the concurrency allows, and all keys get done", async () => {
  let running = 0;
  let maxRunning = 0;
  const done: string[] = [];
  const queue = new WorkQueue(
    async (key) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      done.push(key);
    },
    { concurrency: 3, log: silentLogger },
  );

  for (let i = 0; i < 12; i++) queue.add(`ns/s${i}`);
  expect(queue.inFlight).toBe(3);
  expect(queue.depth).toBe(9);

  await expect.poll(() => done.length).toBe(12);
  expect(maxRunning).toBe(3);
  // First come, first served.
  expect(done.slice(0, 3).sort()).toEqual(["ns/s0", "ns/s1", "ns/s2"]);
});
