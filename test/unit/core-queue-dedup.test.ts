import { expect, test } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

test("a key added many times while waiting is reconciled once", async () => {
  const calls: string[] = [];
  let releaseFirst = () => {};
  const firstDone = new Promise<void>((r) => {
    releaseFirst = r;
  });
  const queue = new WorkQueue(
    async (key) => {
      calls.push(key);
      if (key === "busy") await firstDone;
    },
    { concurrency: 1, log: silentLogger },
  );

  queue.add("busy");
  for (let i = 0; i < 5; i++) queue.add("ns/session");
  expect(queue.depth).toBe(1);

  releaseFirst();
  await expect.poll(() => calls.length).toBe(2);
  await new Promise((r) => setTimeout(r, 20));
  expect(calls).toEqual(["busy", "ns/session"]);
});
