import { expect, test } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

test("reconciles that never wait on I/O still let the process answer in between", async () => {
  let done = 0;
  const queue = new WorkQueue(
    async () => {
      done++;
    },
    { concurrency: 8, log: silentLogger },
  );
  // Like a resync: a thousand keys at once, each reconcile finding nothing to do.
  for (let i = 0; i < 1000; i++) queue.add(`ns/s${i}`);
  // Stands for a /healthz request or a watch event waiting on the event loop.
  const doneWhenAnswered = await new Promise<number>((resolve) => setImmediate(() => resolve(done)));

  expect(doneWhenAnswered).toBeLessThan(1000);
  await expect.poll(() => done).toBe(1000);
});
