import { expect, test } from "vitest";
import { backoffDelay } from "../../src/core/backoff.js";

const opts = { baseMs: 100, maxMs: 10_000, jitter: 0.2 };

test("delays double per attempt and stay within the jitter band", () => {
  for (let attempt = 1; attempt <= 6; attempt++) {
    const nominal = 100 * 2 ** (attempt - 1);
    expect(backoffDelay(attempt, opts, () => 0)).toBe(Math.round(nominal * 0.8));
    expect(backoffDelay(attempt, opts, () => 0.5)).toBe(nominal);
    expect(backoffDelay(attempt, opts, () => 0.999999)).toBeLessThanOrEqual(Math.round(nominal * 1.2));
    expect(backoffDelay(attempt, opts, () => 0.999999)).toBeGreaterThan(nominal);
  }
});

test("jitter spreads retries that failed together", () => {
  const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4, opts)));
  expect(delays.size).toBeGreaterThan(10);
  for (const d of delays) {
    expect(d).toBeGreaterThanOrEqual(640);
    expect(d).toBeLessThanOrEqual(960);
  }
});

test("no delay exceeds the maximum, jitter included", () => {
  expect(backoffDelay(30, opts, () => 0.999999)).toBe(10_000);
  expect(backoffDelay(30, opts, () => 0)).toBe(8_000);
});
