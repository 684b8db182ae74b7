import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED_TYPES_PATH, generateTypes } from "../../scripts/gen-types.js";

describe("src/api/generated/types.ts", () => {
  it("is what the JSON Schemas generate now (run npm run gen when this fails)", async () => {
    const expected = await generateTypes();
    const actual = readFileSync(GENERATED_TYPES_PATH, "utf8");
    expect(actual, "src/api/generated/types.ts is stale: run npm run gen").toBe(expected);
  });

  it("declares a type for every kind and the platform config", async () => {
    const text = await generateTypes();
    for (const name of ["Session", "Template", "TemplateRepository", "Quota", "PlatformConfig"]) {
      expect(text).toMatch(new RegExp(`export interface ${name} \\{`));
    }
  });
});
