import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { byIdentity, helm, parseDocs } from "../support/helm.js";

/** What `npm run synth` gives for the config equivalent to a values file. */
function synthObjects(values: unknown) {
  const files = synthesize(resolvePlatformConfig(values));
  const docs = [...files].filter(([path]) => !path.endsWith("kustomization.yaml")).map(([, text]) => text);
  return byIdentity(parseDocs(docs.join("\n---\n")));
}

function helmObjects(valuesFile?: string) {
  const args = ["template", "streamspace", "chart", "--include-crds"];
  if (valuesFile) args.push("--values", valuesFile);
  return byIdentity(parseDocs(helm(args)));
}

describe("helm template of chart/ yields the same objects as npm run synth", () => {
  it("with the default values", () => {
    expect(helmObjects()).toEqual(synthObjects({}));
  });

  for (const file of ["custom-namespaces.yaml", "switches-off.yaml"]) {
    it(`with test/fixtures/values/${file}`, () => {
      const path = `test/fixtures/values/${file}`;
      const fromHelm = helmObjects(path);
      expect(fromHelm).toEqual(synthObjects(parse(readFileSync(path, "utf8"))));
      // The values really changed something: the outputs differ from the defaults.
      expect(fromHelm).not.toEqual(synthObjects({}));
    });
  }
});
