import { expect, test } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

test("a key is never reconciled twice at once, and a change during a reconcile is reconciled after it", async () => {
  let running = 0;
  let maxRunning = 0;
  let calls = 0;
  const gates: Array<() => void> = [];
  const queue = new WorkQueue(
    async () => {
      calls++;
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((r) => gates.push(r));
      running--;
    },
    { concurrency: 4, log: silentLogger },
  );

  queue.add("ns/a");
  await expect.poll(() => calls).toBe(1);
  // Two changes arrive while the first reconcile still runs on possibly stale data.
  queue.add("ns/a");
  queue.add("ns/a");
  expect(queue.depth).toBe(0);
  expect(queue.inFlight).toBe(1);

  gates.shift()?.();
  await expect.poll(() => calls).toBe(2);
  expect(maxRunning).toBe(1);
  gates.shift()?.();
  await new Promise((r) => setTimeout(r, 20));
  expect(calls).toBe(2);
  expect(queue.inFlight).toBe(0);
});
