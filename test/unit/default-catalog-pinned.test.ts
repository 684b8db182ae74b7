// The default catalog is installed from a release tag, not a moving branch: what runs is what was
// reviewed. A config still naming a branch is refused, naming the field.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";

describe("the default catalog repository is pinned", () => {
  it("follows a tag", () => {
    const text = synthesize(resolvePlatformConfig({})).get(
      "catalog/templaterepository-streamspace-streamspace-catalog.yaml",
    );
    const repository = parse(text ?? "") as { spec: { ref: Record<string, string> } };
    expect(repository.spec.ref).toEqual({ tag: expect.stringMatching(/^v\d+\.\d+\.\d+$/) });
  });

  it("refuses catalog.branch", () => {
    expect(() => resolvePlatformConfig({ catalog: { branch: "main" } })).toThrow(/catalog/);
  });
});
