import { expect, test } from "vitest";
import { AdaptiveConcurrency, nextLimit } from "../../src/core/concurrency.js";

const bounds = { min: 8, max: 32, latencyCeilingSeconds: 1 };
const fast = { requests: 100, throttled: 0, meanSeconds: 0.2 };

test("the limit grows by a quarter while changes wait and the API server answers in time, up to max", () => {
  const limits = [8];
  for (let i = 0; i < 8; i++) limits.push(nextLimit(limits.at(-1) as number, fast, true, bounds));
  expect(limits).toEqual([8, 10, 13, 17, 22, 28, 32, 32, 32]);
});

test("without waiting changes the limit stays where it is", () => {
  expect(nextLimit(20, fast, false, bounds)).toBe(20);
  expect(nextLimit(20, { requests: 0, throttled: 0, meanSeconds: 0 }, true, bounds)).toBe(25);
});

test("a 429 or a mean latency over the ceiling halves the limit, never below min", () => {
  expect(nextLimit(32, { ...fast, throttled: 1 }, true, bounds)).toBe(16);
  expect(nextLimit(32, { ...fast, meanSeconds: 1.5 }, true, bounds)).toBe(16);
  expect(nextLimit(12, { ...fast, meanSeconds: 1.5 }, true, bounds)).toBe(8);
});

test("a window is judged by the requests observed in it alone", () => {
  const limit = new AdaptiveConcurrency(bounds);
  limit.observe({ code: 200, seconds: 3 });
  expect(limit.adjust(true)).toBe(8);
  limit.observe({ code: 200, seconds: 0.1 });
  expect(limit.adjust(true)).toBe(10);
  limit.observe({ code: 429, seconds: 0.01 });
  expect(limit.adjust(true)).toBe(8);
});

test("bounds that make no sense are refused, naming both", () => {
  expect(() => new AdaptiveConcurrency({ ...bounds, min: 40 })).toThrow("40..32");
  expect(() => new AdaptiveConcurrency({ ...bounds, min: 0 })).toThrow("1 ≤ min ≤ max");
});
