import { describe, expect, it } from "vitest";
import { ALERT_RULES, DASHBOARD } from "../../constructs/platform/monitoring-rules.js";
import { GATEWAY_METRICS } from "../../src/api/gateway-metrics.js";
import { API_METRICS, METRICS } from "../../src/api/metrics.js";

const exported = new Set<string>([
  ...Object.values(METRICS),
  ...Object.values(API_METRICS),
  ...Object.values(GATEWAY_METRICS),
]);
const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;

/** Metric names in a PromQL expression: identifiers followed by `{`, `[`, `)` or a space, minus functions and labels. */
function metricNames(expr: string): string[] {
  const withoutLabels = expr.replace(/\{[^}]*\}/g, "{}").replace(/\[[^\]]*\]/g, "[]");
  const words = withoutLabels.match(/[a-z_][a-z0-9_]*(?=\s*[{[)\s]|$)/g) ?? [];
  return words.filter((w) => w.includes("_") && !["histogram_quantile", "by", "le"].includes(w));
}

const expressions = [
  ...ALERT_RULES.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
  ...DASHBOARD.panels.flatMap((p) => p.targets.map((t) => ({ where: `panel ${p.title}`, expr: t.expr }))),
];

describe("alert rules and the dashboard", () => {
  it.each(expressions)("$where uses only metrics the reconciler or the API exports", ({ expr }) => {
    const names = metricNames(expr);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names)
      expect(exported, `${name} in ${expr}`).toContain(name.replace(HISTOGRAM_SUFFIX, ""));
  });

  it("cover every StreamSpace metric at least once", () => {
    const used = new Set(
      expressions.flatMap(({ expr }) => metricNames(expr).map((n) => n.replace(HISTOGRAM_SUFFIX, ""))),
    );
    for (const name of exported) expect(used, name).toContain(name);
  });
});
