import { beforeAll, describe, expect, it } from "vitest";
import { HELM_SETUP_TIMEOUT_MS, helmBinary, helmResult } from "../support/helm.js";

type Result = ReturnType<typeof helmResult>;
const results: { lint?: Result; misspelled?: Result; wrongType?: Result } = {};

// helm runs here, not in the tests: fetching it and its first runs can take longer than a test's 5 s.
beforeAll(() => {
  const helm = helmBinary();
  results.lint = helmResult(helm, ["lint", "--strict", "chart"]);
  results.misspelled = helmResult(helm, ["template", "x", "chart", "--set", "reconciler.replica=3"]);
  results.wrongType = helmResult(helm, ["template", "x", "chart", "--set", "ingress.routing=sideways"]);
}, HELM_SETUP_TIMEOUT_MS);

describe("the generated chart", () => {
  it("passes helm lint --strict", () => {
    expect(results.lint?.output).toContain("0 chart(s) failed");
    expect(results.lint?.code).toBe(0);
  });

  it("rejects a misspelled value, naming it, because values.schema.json forbids unknown keys", () => {
    expect(results.misspelled?.code).not.toBe(0);
    expect(results.misspelled?.output).toContain("replica");
  });

  it("rejects a value of the wrong type", () => {
    expect(results.wrongType?.code).not.toBe(0);
    expect(results.wrongType?.output).toMatch(/routing/);
  });
});
