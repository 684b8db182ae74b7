/**
 * How long a full synth and one session bundle take, each against a baseline measured in the same
 * run: `helm template` of the same objects for synth, a deep copy of the same objects for a bundle.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sessionBundleObjects } from "../../constructs/session/bundle.js";
import type { Session, Template } from "../../src/api/generated/types.js";
import { validateResource } from "../../src/api/validation/validate.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { replaceTree } from "../../src/synth/write-tree.js";
import { fmt, median, percentile, timeCommand, timeRuns } from "./stats.js";

export function benchSynth(): string {
  const config = resolvePlatformConfig({});
  const out = join(mkdtempSync(join(tmpdir(), "bench-synth-")), "dist");
  const helm = execFileSync("bash", ["scripts/helm/ensure-helm.sh"], { encoding: "utf8" }).trim();

  const inProcess = timeRuns(50, () => replaceTree(out, synthesize(config)));
  const cli = timeCommand(5, process.execPath, ["--import", "tsx", "src/cli/synth.ts", "--out", out]);
  const helmTemplate = timeCommand(5, helm, ["template", "streamspace", "chart", "--include-crds"]);
  rmSync(out, { recursive: true, force: true });

  const session = validateResource<Session>("Session", {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Session",
    metadata: { name: "alice-firefox-1", namespace: "streamspace", uid: "4f1c-uid" },
    spec: { user: "alice@example.com", template: "firefox" },
  });
  const template = validateResource<Template>("Template", {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Template",
    metadata: { name: "firefox", namespace: "streamspace" },
    spec: {
      displayName: "Firefox",
      category: "Browsers",
      baseImage: "lscr.io/linuxserver/firefox:latest",
      appType: "desktop",
      vnc: { port: 3000, protocol: "websocket" },
      volumeMounts: [{ name: "home", mountPath: "/config" }],
    },
  });
  if (!session.ok || !template.ok) throw new Error("bench fixtures are invalid");
  const props = { session: session.value, template: template.value, settings: config };
  const bundle = timeRuns(5000, () => sessionBundleObjects(props), 200);
  const objects = sessionBundleObjects(props);
  const copy = timeRuns(5000, () => JSON.parse(JSON.stringify(objects)), 200);

  const rows = [
    ["full synth, in-process (50 runs)", median(inProcess), percentile(inProcess, 95), ""],
    ["full synth, `npm run synth` CLI incl. Node start (5 runs)", median(cli), percentile(cli, 95), ""],
    [
      "baseline: `helm template --include-crds` of the chart (5 runs)",
      median(helmTemplate),
      percentile(helmTemplate, 95),
      "",
    ],
    ["one session bundle (5,000 runs)", median(bundle), percentile(bundle, 95), ""],
    ["baseline: deep copy of the same 4 objects (5,000 runs)", median(copy), percentile(copy, 95), ""],
  ];
  const ratioCli = median(cli) / median(helmTemplate);
  const ratioBundle = median(bundle) / median(copy);
  return [
    "| measurement | median ms | p95 ms |",
    "| --- | ---: | ---: |",
    ...rows.map(([name, p50, p95]) => `| ${name} | ${fmt(p50 as number)} | ${fmt(p95 as number)} |`),
    "",
    `Ratios: synth CLI / helm template = ${ratioCli.toFixed(2)}×; bundle / deep copy = ${ratioBundle.toFixed(1)}×.`,
  ].join("\n");
}
