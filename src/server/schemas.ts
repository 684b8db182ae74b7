import { dereference, type JsonSchema, type KindName, kindSchema } from "../api/schemas/index.js";

// Request and response schemas of the routes, built from the kinds' JSON Schemas (src/schemas) so that a
// field means the same in a Session object and in the API that creates it.

/** A kind's spec schema with every $ref inlined (OpenAPI and ajv both read it standalone). */
export function specSchema(kind: KindName): JsonSchema {
  const root = dereference(kindSchema(kind)) as { properties: { spec: JsonSchema } };
  return root.properties.spec;
}

function specField(kind: KindName, field: string): JsonSchema {
  const properties = specSchema(kind).properties as Record<string, JsonSchema>;
  const schema = properties[field];
  if (!schema) throw new Error(`${kind} spec has no field ${field}`);
  return schema;
}

export const errorSchema: JsonSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: { type: "string" },
    fields: {
      type: "array",
      items: {
        type: "object",
        required: ["field", "message"],
        properties: { field: { type: "string" }, message: { type: "string" } },
      },
    },
  },
};

/** The error answers every route may give, by status. */
export function errors(...statuses: number[]): Record<number, JsonSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema]));
}

export const nameParams: JsonSchema = {
  type: "object",
  required: ["name"],
  properties: { name: { type: "string", minLength: 1, maxLength: 253 } },
};

export const anyObject: JsonSchema = { type: "object", additionalProperties: true };

export const sessionCreateBody: JsonSchema = {
  type: "object",
  additionalProperties: false,
  required: ["template"],
  properties: {
    template: specField("Session", "template"),
    resources: specField("Session", "resources"),
    tags: specField("Session", "tags"),
    idleTimeout: specField("Session", "idleTimeout"),
  },
};

export const sessionView: JsonSchema = {
  type: "object",
  required: ["name", "user", "template", "state", "phase"],
  properties: {
    name: { type: "string" },
    user: { type: "string" },
    template: { type: "string" },
    state: { type: "string", enum: ["running", "hibernated", "terminated"] },
    phase: { type: "string" },
    createdAt: { type: "string" },
    url: { type: "string" },
    tags: { type: "array", items: { type: "string" } },
    spec: specSchema("Session"),
    status: { type: "object", additionalProperties: true },
  },
};

export const durationSchema = specField("Session", "idleTimeout");
