import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";
import { byIdentity, HELM_SETUP_TIMEOUT_MS, helm, helmBinary, parseDocs } from "../support/helm.js";

/** What `npm run synth` gives for the config equivalent to a values file. */
function synthObjects(values: unknown) {
  const files = synthesize(resolvePlatformConfig(values));
  const docs = [...files].filter(([path]) => !path.endsWith("kustomization.yaml")).map(([, text]) => text);
  return byIdentity(parseDocs(docs.join("\n---\n")));
}

const VALUE_FILES = ["custom-namespaces.yaml", "switches-off.yaml"];
/** helm template's objects, by values file ("" for the defaults). */
const rendered = new Map<string, ReturnType<typeof byIdentity>>();

// helm runs here, not in the tests: fetching it and its first runs can take longer than a test's 5 s.
beforeAll(() => {
  const binary = helmBinary();
  for (const file of ["", ...VALUE_FILES]) {
    const args = ["template", "streamspace", "chart", "--include-crds"];
    if (file) args.push("--values", `test/fixtures/values/${file}`);
    rendered.set(file, byIdentity(parseDocs(helm(binary, args))));
  }
}, HELM_SETUP_TIMEOUT_MS);

describe("helm template of chart/ yields the same objects as npm run synth", () => {
  it("with the default values", () => {
    expect(rendered.get("")).toEqual(synthObjects({}));
  });

  for (const file of VALUE_FILES) {
    it(`with test/fixtures/values/${file}`, () => {
      const path = `test/fixtures/values/${file}`;
      const fromHelm = rendered.get(file);
      expect(fromHelm).toEqual(synthObjects(parse(readFileSync(path, "utf8"))));
      // The values really changed something: the outputs differ from the defaults.
      expect(fromHelm).not.toEqual(synthObjects({}));
    });
  }
});
