import { expect, test } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

test("shutdown waits for reconciles in flight, drops waiting and delayed keys, and refuses new ones", async () => {
  const started: string[] = [];
  const finished: string[] = [];
  let release = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const queue = new WorkQueue(
    async (key) => {
      started.push(key);
      await gate;
      finished.push(key);
    },
    { concurrency: 1, log: silentLogger },
  );
  queue.add("in-flight");
  queue.add("waiting");
  queue.addAfter("delayed", 10);

  let shutDown = false;
  const shutdown = queue.shutdown().then(() => {
    shutDown = true;
  });
  queue.add("after-shutdown");
  await new Promise((r) => setTimeout(r, 30));
  expect(shutDown).toBe(false);

  release();
  await shutdown;
  expect(finished).toEqual(["in-flight"]);
  await new Promise((r) => setTimeout(r, 30));
  expect(started).toEqual(["in-flight"]);
  expect(queue.depth).toBe(0);
});

test("shutdown of an idle queue resolves at once", async () => {
  const queue = new WorkQueue(async () => {}, { log: silentLogger });
  await expect(queue.shutdown()).resolves.toBeUndefined();
});
