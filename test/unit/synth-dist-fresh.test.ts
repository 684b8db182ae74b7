import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG_FILE, loadPlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { readTree } from "../support/read-tree.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIST = join(ROOT, "dist");

describe("dist/", () => {
  it("is exactly what `npm run synth` writes from streamspace.config.yaml (run npm run synth when this fails)", () => {
    // As `npm run synth` in the repository root: streamspace.config.yaml if there is one, else the defaults.
    const configFile = join(ROOT, DEFAULT_CONFIG_FILE);
    const expected = synthesize(loadPlatformConfig(existsSync(configFile) ? configFile : undefined));
    const actual = readTree(DIST);

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
