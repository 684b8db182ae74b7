import { readFileSync } from "node:fs";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { expect, test } from "vitest";

const doc = new URL("../../docs/api/openapi.json", import.meta.url);
const generated = new URL("../../ui/src/api/generated/openapi.ts", import.meta.url);

test("the portal's client types are generated from docs/api/openapi.json as it is (run npm run ui:types)", async () => {
  const fresh = COMMENT_HEADER + astToString(await openapiTS(doc));
  expect(readFileSync(generated, "utf8"), "ui/src/api/generated is stale: run npm run ui:types").toBe(fresh);
});
