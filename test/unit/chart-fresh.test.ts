import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { chartFiles } from "../../src/chart/chart-files.js";

function committed(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return out;
}

describe("chart/", () => {
  it("is what the constructs generate now (run `npm run chart` when this fails)", () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    const expected = chartFiles({ version, appVersion: version });
    const actual = committed("chart");
    expect([...actual.keys()].sort(), "run npm run chart").toEqual([...expected.keys()].sort());
    for (const [path, content] of expected)
      expect(actual.get(path), `chart/${path} is stale: run npm run chart`).toBe(content);
  });

  it("escapes literal {{ so Helm prints it rather than evaluating it", async () => {
    const { escapeHelm } = await import("../../src/chart/value-markers.js");
    expect(escapeHelm('legend: "{{instance}}"')).toBe('legend: "{{ "{{" }}instance}}"');
  });
});
