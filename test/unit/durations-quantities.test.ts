/**
 * Durations and quantities as users write them in Sessions, Quotas and the platform config: "1h30m",
 * "90s", "0" (disabled); "500m" CPU, "2Gi" memory. A value that is neither is an error naming it.
 */
import { describe, expect, it } from "vitest";
import { parseDuration, rfc3339 } from "../../src/api/durations.js";
import { parseQuantity } from "../../src/api/quantity.js";

describe("parseDuration", () => {
  it("reads hours, minutes, seconds and milliseconds, combined", () => {
    expect(parseDuration("1h30m")).toBe(90 * 60_000);
    expect(parseDuration("90s")).toBe(90_000);
    expect(parseDuration("15m")).toBe(15 * 60_000);
    expect(parseDuration("8h")).toBe(8 * 3_600_000);
    expect(parseDuration("250ms")).toBe(250);
    expect(parseDuration("1m30s")).toBe(90_000);
    expect(parseDuration("1.5h")).toBe(90 * 60_000);
  });

  it('"0" is zero: disabled', () => {
    expect(parseDuration("0")).toBe(0);
  });

  for (const bad of ["", "90", "1 h", "1h 30m", "ten minutes", "1d", "h1", "1h30", "-5m"]) {
    it(`rejects ${JSON.stringify(bad)} with an error naming the value`, () => {
      expect(() => parseDuration(bad)).toThrow(`"${bad}" is not a duration`);
    });
  }
});

describe("rfc3339", () => {
  it("writes times as Kubernetes does, to the second (truncated)", () => {
    expect(rfc3339(Date.parse("2025-03-01T10:00:12.999Z"))).toBe("2025-03-01T10:00:12Z");
    expect(rfc3339(Date.parse("2025-03-01T10:00:00Z"))).toBe("2025-03-01T10:00:00Z");
  });
});

describe("parseQuantity", () => {
  it("CPU in cores: millicores, decimals and plain numbers", () => {
    expect(parseQuantity("500m")).toBeCloseTo(0.5, 12);
    expect(parseQuantity("250m")).toBeCloseTo(0.25, 12);
    expect(parseQuantity("1.5")).toBe(1.5);
    expect(parseQuantity("2")).toBe(2);
    expect(parseQuantity(".5")).toBe(0.5);
    expect(parseQuantity(4)).toBe(4);
  });

  it("memory and storage in bytes: binary and decimal suffixes", () => {
    expect(parseQuantity("2Gi")).toBe(2 * 2 ** 30);
    expect(parseQuantity("512Mi")).toBe(512 * 2 ** 20);
    expect(parseQuantity("1.5Gi")).toBe(1.5 * 2 ** 30);
    expect(parseQuantity("1Ti")).toBe(2 ** 40);
    expect(parseQuantity("128k")).toBe(128_000);
    expect(parseQuantity("1G")).toBe(1e9);
    expect(parseQuantity("500M")).toBe(5e8);
  });

  it("decimal exponents", () => {
    expect(parseQuantity("1e3")).toBe(1000);
    expect(parseQuantity("2E6")).toBe(2_000_000);
  });

  it("m is milli and M is mega", () => {
    expect(parseQuantity("1m")).toBeCloseTo(0.001, 12);
    expect(parseQuantity("1M")).toBe(1_000_000);
  });

  for (const bad of ["", "2GB", "1.5.0", "two", "Gi", "2 Gi", "-1"]) {
    it(`rejects ${JSON.stringify(bad)} with an error naming the value`, () => {
      expect(() => parseQuantity(bad)).toThrow(`"${bad}" is not a Kubernetes quantity`);
    });
  }
});

describe("bounds", () => {
  it("a duration beyond a week counts as a week, so no timer built from it overflows", () => {
    expect(parseDuration("168h")).toBe(168 * 3_600_000);
    expect(parseDuration("700h")).toBe(168 * 3_600_000);
    expect(parseDuration("99999999999999h")).toBe(168 * 3_600_000);
  });
});
