import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPENAPI_FILE, openApiDocument } from "../../src/server/openapi.js";

describe("docs/api/openapi.json", () => {
  it("is what the routes generate now (run `npm run openapi` when this fails)", async () => {
    expect(readFileSync(OPENAPI_FILE, "utf8"), "docs/api/openapi.json is stale: run npm run openapi").toBe(
      await openApiDocument(),
    );
  });

  it("is OpenAPI 3.1 and says who may call each operation", async () => {
    const doc = JSON.parse(await openApiDocument()) as {
      openapi: string;
      paths: Record<string, Record<string, { "x-access"?: string; security?: unknown[] }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    expect(operations.length).toBeGreaterThan(40);
    for (const op of operations) {
      expect(["public", "user", "admin"]).toContain(op["x-access"]);
      expect(op.security === undefined).toBe(op["x-access"] === "public");
    }
  });
});
