import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/api/validation/validate.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function rejection(config: unknown): ValidationError {
  try {
    resolvePlatformConfig(config, "streamspace.config.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error(`config ${JSON.stringify(config)} was accepted`);
}

describe("an invalid platform config is refused with the field named", () => {
  it("an unknown key, at the top or nested, is named by its path", () => {
    const top = rejection({ namespaces: "streamspace-system" });
    expect(top.errors.map((e) => e.field)).toEqual(["namespaces"]);
    expect(top.message).toContain("namespaces");
    // It tells the user what they probably meant.
    expect(top.message).toContain("namespace,");

    const nested = rejection({ ingress: { domian: "apps.example.com" } });
    expect(nested.errors.map((e) => e.field)).toEqual(["ingress.domian"]);
    expect(nested.message).toContain("ingress.domian");
    expect(nested.message).toContain("domain");
  });

  it("a value of the wrong type is named, with the value", () => {
    const replicas = rejection({ reconciler: { replicas: "two" } });
    expect(replicas.errors.map((e) => e.field)).toEqual(["reconciler.replicas"]);
    expect(replicas.message).toMatch(/reconciler\.replicas: .*integer/);
    expect(replicas.message).toContain('"two"');

    const policies = rejection({ networkPolicies: "yes" });
    expect(policies.errors.map((e) => e.field)).toEqual(["networkPolicies"]);
    expect(policies.message).toMatch(/networkPolicies: .*boolean/);
  });

  it("the error names the file it came from", () => {
    expect(rejection({ bogus: 1 }).message).toMatch(/^streamspace\.config\.yaml is invalid/);
  });

  it("a valid config is accepted and filled with defaults", () => {
    const config = resolvePlatformConfig({ ingress: { domain: "apps.example.com" } });
    expect(config.ingress.domain).toBe("apps.example.com");
    expect(config.ingress.routing).toBe("host");
    expect(config.namespace).toBe("streamspace-system");
  });
});

describe("npm run synth with an invalid config", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A temp folder holding config.yaml and an existing out dir with a marker file in it. */
  function workspace(config: string) {
    const dir = mkdtempSync(join(tmpdir(), "streamspace-synth-"));
    dirs.push(dir);
    const configPath = join(dir, "config.yaml");
    const out = join(dir, "dist");
    writeFileSync(configPath, config);
    mkdirSync(out);
    writeFileSync(join(out, "marker.txt"), "written before synth\n");
    return { dir, configPath, out };
  }

  function synth(configPath: string, out: string) {
    return spawnSync("npx", ["tsx", "src/cli/synth.ts", "--config", configPath, "--out", out], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
  }

  it("exits non-zero, prints the bad field and leaves the out dir exactly as it was", () => {
    const { dir, configPath, out } = workspace(
      "ingress:\n  routing: subdomain\nreconciler:\n  replicas: two\n",
    );
    const result = synth(configPath, out);
    expect(result.status, result.stdout).not.toBe(0);
    expect(result.stderr).toContain("ingress.routing");
    expect(result.stderr).toContain("reconciler.replicas");
    expect(result.stderr).toContain('"subdomain"');
    // An expected error, not a crash: no stack trace.
    expect(result.stderr).not.toMatch(/^\s+at /m);

    expect(readdirSync(out)).toEqual(["marker.txt"]);
    expect(readFileSync(join(out, "marker.txt"), "utf8")).toBe("written before synth\n");
    // Nothing half-written beside it either (no staging or backup folder).
    expect(readdirSync(dir).sort()).toEqual(["config.yaml", "dist"]);
  }, 60_000);

  it("with a valid config, does replace the out dir (so the test above checks the right folder)", () => {
    const { dir, configPath, out } = workspace("networkPolicies: false\n");
    const result = synth(configPath, out);
    expect(result.status, result.stderr).toBe(0);
    const written = readdirSync(out);
    expect(written).not.toContain("marker.txt");
    expect(written).toContain("kustomization.yaml");
    expect(readdirSync(dir).sort()).toEqual(["config.yaml", "dist"]);
  }, 60_000);
});
