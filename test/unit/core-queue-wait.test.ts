import { expect, test } from "vitest";
import { WorkQueue } from "../../src/core/queue.js";
import { silentLogger } from "../../src/telemetry/log.js";

test("the queue tells how long each key waited for a worker, from its first add", async () => {
  const waits = new Map<string, number>();
  let current = "";
  let release = () => {};
  const queue = new WorkQueue(
    async (key) => {
      current = key;
      if (key === "busy") await new Promise<void>((r) => (release = r));
    },
    {
      concurrency: 1,
      log: silentLogger,
      observeWait: (seconds) => waits.set(current || "next", seconds),
    },
  );
  queue.add("busy");
  await expect.poll(() => current).toBe("busy");
  queue.add("ns/waiting");
  await new Promise((r) => setTimeout(r, 120));
  queue.add("ns/waiting"); // a second add keeps the first one's time
  current = "";
  release();
  await expect.poll(() => current).toBe("ns/waiting");
  expect(waits.get("next")).toBeGreaterThanOrEqual(0.1);
  expect(waits.get("next")).toBeLessThan(5);
});
