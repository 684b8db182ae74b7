import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { replaceTree } from "../../src/synth/write-tree.js";

type KubeDoc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

function objectsOf(files: ReadonlyMap<string, string>): KubeDoc[] {
  return [...files]
    .filter(([path]) => !path.endsWith("kustomization.yaml"))
    .map(([, text]) => parse(text) as KubeDoc);
}

function kinds(files: ReadonlyMap<string, string>): string[] {
  return objectsOf(files).map((o) => o.kind);
}

/** Every key named creationTimestamp, at any depth. */
function timestampKeys(node: unknown, path = ""): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => timestampKeys(item, `${path}[${i}]`));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => [
    ...(key === "creationTimestamp" ? [`${path}.${key}`] : []),
    ...timestampKeys(value, `${path}.${key}`),
  ]);
}

const defaults = synthesize(resolvePlatformConfig({}));

describe("synthesize", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("gives identical output for the same config, file for file and in the same order", () => {
    const again = synthesize(resolvePlatformConfig({}));
    expect([...again.keys()]).toEqual([...defaults.keys()]);
    expect([...again]).toEqual([...defaults]);
  });

  it("writes a tree that `kubectl kustomize` builds, with the 4 CRDs, the reconciler and the API", () => {
    const dir = mkdtempSync(join(tmpdir(), "streamspace-dist-"));
    dirs.push(dir);
    const out = join(dir, "dist");
    replaceTree(out, defaults);
    const built = execFileSync("kubectl", ["kustomize", out], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    const docs = parseAllDocuments(built).map((d) => d.toJS() as KubeDoc);
    expect(docs).toHaveLength(objectsOf(defaults).length);
    expect(
      docs
        .filter((d) => d.kind === "CustomResourceDefinition")
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual([
      "quotas.stream.streamspace.io",
      "sessions.stream.streamspace.io",
      "templaterepositories.stream.streamspace.io",
      "templates.stream.streamspace.io",
    ]);
    const deployments = docs.filter((d) => d.kind === "Deployment");
    expect(deployments.map((d) => `${d.metadata.namespace}/${d.metadata.name}`).sort()).toEqual([
      "streamspace-system/streamspace-api",
      "streamspace-system/streamspace-gateway",
      "streamspace-system/streamspace-reconciler",
    ]);
  });

  it("leaves NetworkPolicies out with networkPolicies: false, and only those", () => {
    expect(kinds(defaults)).toContain("NetworkPolicy");
    const without = synthesize(resolvePlatformConfig({ networkPolicies: false }));
    expect(kinds(without)).not.toContain("NetworkPolicy");
    expect(kinds(without).sort()).toEqual(
      kinds(defaults)
        .filter((k) => k !== "NetworkPolicy")
        .sort(),
    );
    expect([...without.values()].join("\n")).not.toMatch(/networkpolicy-/);
  });

  it("leaves the default TemplateRepository out with catalog.enabled: false", () => {
    expect(kinds(defaults)).toContain("TemplateRepository");
    const without = synthesize(resolvePlatformConfig({ catalog: { enabled: false } }));
    expect(kinds(without)).not.toContain("TemplateRepository");
    // The kustomization does not list a file that is not there.
    const listed = parse(without.get("catalog/kustomization.yaml") ?? "") as { resources: string[] | null };
    for (const resource of listed.resources ?? []) expect(without.has(`catalog/${resource}`)).toBe(true);
  });

  it("carries no timestamp: no creationTimestamp key and no date in any file", () => {
    expect(defaults.size).toBeGreaterThan(5);
    for (const [path, text] of defaults) {
      expect(timestampKeys(parse(text)), path).toEqual([]);
      expect(text, path).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
      expect(text, path).not.toMatch(/\d{2}:\d{2}:\d{2}/);
    }
  });
});
