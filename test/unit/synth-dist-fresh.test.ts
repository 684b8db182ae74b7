import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG_FILE, loadPlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "dist");

function committed(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe("dist/", () => {
  it("is exactly what `npm run synth` writes from streamspace.config.yaml (run npm run synth when this fails)", () => {
    // As `npm run synth` in the repository root: streamspace.config.yaml if there is one, else the defaults.
    const configFile = join(ROOT, DEFAULT_CONFIG_FILE);
    const expected = synthesize(loadPlatformConfig(existsSync(configFile) ? configFile : undefined));
    const actual = committed(DIST);

    const missing = [...expected.keys()].filter((path) => !actual.has(path));
    const extra = [...actual.keys()].filter((path) => !expected.has(path));
    expect(missing, "files missing from dist/: run npm run synth").toEqual([]);
    expect(extra, "files in dist/ that synth no longer writes: run npm run synth").toEqual([]);
    const stale = [...expected]
      .filter(([path, content]) => actual.get(path) !== content)
      .map(([path]) => path);
    expect(stale, "stale files in dist/: run npm run synth").toEqual([]);
  });
});
