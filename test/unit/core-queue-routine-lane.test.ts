import { expect, test } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

/** A queue with one worker held busy by "busy" until `release()`, recording the order of reconciles. */
function heldQueue() {
  const order: string[] = [];
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  const queue = new WorkQueue(
    async (key) => {
      order.push(key);
      if (key === "busy") await held;
    },
    { concurrency: 1, log: silentLogger },
  );
  queue.add("busy");
  return { queue, order, release };
}

test("a change is reconciled before routine re-checks queued earlier, such as a resync's", async () => {
  const { queue, order, release } = heldQueue();
  await expect.poll(() => order).toEqual(["busy"]);
  for (let i = 0; i < 3; i++) queue.add(`ns/old-${i}`, "routine");
  queue.add("ns/new");
  expect(queue.depth).toBe(4);
  release();
  await expect.poll(() => order.length).toBe(5);
  expect(order).toEqual(["busy", "ns/new", "ns/old-0", "ns/old-1", "ns/old-2"]);
});

test("a routine key that then changes moves up; a changed key asked for again as routine stays up", async () => {
  const { queue, order, release } = heldQueue();
  await expect.poll(() => order).toEqual(["busy"]);
  queue.add("ns/a", "routine");
  queue.add("ns/b", "routine");
  queue.add("ns/b"); // changed while waiting
  queue.add("ns/c");
  queue.add("ns/c", "routine");
  expect(queue.depth).toBe(3);
  release();
  await expect.poll(() => order.length).toBe(4);
  expect(order).toEqual(["busy", "ns/b", "ns/c", "ns/a"]);
});
