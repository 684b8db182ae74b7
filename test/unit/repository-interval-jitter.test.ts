import { expect, test } from "vitest";
import { jittered } from "../../src/controllers/repository/source.js";

test("resyncs are spread within ±10% of the interval, so repositories created together drift apart", () => {
  const interval = 300_000;
  expect(jittered(interval, () => 0)).toBe(270_000);
  expect(jittered(interval, () => 0.5)).toBe(300_000);
  expect(jittered(interval, () => 0.999999)).toBeLessThanOrEqual(330_000);
  const samples = new Set(Array.from({ length: 50 }, () => jittered(interval, Math.random)));
  expect(samples.size).toBeGreaterThan(40);
});
