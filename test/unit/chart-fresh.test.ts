import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chartFiles } from "../../src/chart/chart-files.js";
import { readTree } from "../support/read-tree.js";

describe("chart/", () => {
  it("is what the constructs generate now (run `npm run chart` when this fails)", () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const expected = chartFiles({ version, appVersion: version });
    const actual = readTree("chart");
    expect([...actual.keys()].sort(), "run npm run chart").toEqual([...expected.keys()].sort());
    for (const [path, content] of expected)
      expect(actual.get(path), `chart/${path} is stale: run npm run chart`).toBe(content);
  });

  it("escapes literal {{ so Helm prints it rather than evaluating it", async () => {
    const { escapeHelm } = await import("../../src/chart/value-markers.js");
    expect(escapeHelm('legend: "{{instance}}"')).toBe('legend: "{{ "{{" }}instance}}"');
  });
});
