/** `npm run openapi`: writes the API's OpenAPI document to docs/api/openapi.json (committed; CI checks it). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { OPENAPI_FILE, openApiDocument } from "../server/openapi.js";
import { runMain } from "./run-main.js";

runMain(async () => {
  mkdirSync(dirname(OPENAPI_FILE), { recursive: true });
  writeFileSync(OPENAPI_FILE, await openApiDocument());
  console.log(`wrote ${OPENAPI_FILE}`);
});
