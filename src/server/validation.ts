import type { FastifyInstance } from "fastify";
import { createAjv } from "../api/validation/validate.js";

/**
 * Bodies are checked with the same ajv set-up as our resources (unknown fields refused, not stripped as
 * Fastify's default does); query strings and path parameters are coerced from text first.
 */
export function useSchemaValidation(app: FastifyInstance): void {
  const bodies = createAjv();
  const params = createAjv({ coerceTypes: true });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === "body" ? bodies : params).compile(schema));
  // Responses are documented, not filtered: plain JSON.stringify keeps every field (fast-json-stringify
  // would drop those a schema does not name, such as a Session's status details).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
