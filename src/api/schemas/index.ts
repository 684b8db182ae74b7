import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The JSON Schemas in this folder are the single source of truth for every kind: the CRDs, the
 * generated TypeScript types and run-time validation all derive from them.
 */

export const API_GROUP = "stream.streamspace.io";
export const API_VERSION = "v1alpha1";
export const GROUP_VERSION = `${API_GROUP}/${API_VERSION}`;

export type KindName = "Session" | "Template" | "TemplateRepository" | "Quota";

export interface PrinterColumn {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
  readonly priority?: number;
}

/** How a kind is served, taken from the schema's `x-streamspace-crd` block. */
export interface CrdNames {
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly printerColumns: readonly PrinterColumn[];
}

export type JsonSchema = { [key: string]: unknown };

const here = dirname(fileURLToPath(import.meta.url));

export const SCHEMA_FILES: Readonly<Record<KindName, string>> = {
  Session: "session.schema.json",
  Template: "template.schema.json",
  TemplateRepository: "templaterepository.schema.json",
  Quota: "quota.schema.json",
};

export const KINDS = Object.keys(SCHEMA_FILES) as KindName[];

export function schemaPath(file: string): string {
  return join(here, file);
}

function readJson(file: string): JsonSchema {
  return JSON.parse(readFileSync(schemaPath(file), "utf8")) as JsonSchema;
}

export const commonDefs: JsonSchema = readJson("common.defs.json");

const schemas = new Map<KindName, JsonSchema>(KINDS.map((kind) => [kind, readJson(SCHEMA_FILES[kind])]));

/** The kind's schema as written, with `$ref`s into common.defs.json. */
export function kindSchema(kind: KindName): JsonSchema {
  const schema = schemas.get(kind);
  if (!schema) throw new Error(`no schema for kind ${kind}`);
  return schema;
}

export function crdNames(kind: KindName): CrdNames {
  return kindSchema(kind)["x-streamspace-crd"] as CrdNames;
}

const definitions = commonDefs.definitions as Record<string, JsonSchema>;

function resolveRef(ref: string): JsonSchema {
  const name = /^(?:common\.defs\.json)?#\/definitions\/(.+)$/.exec(ref)?.[1];
  const target = name === undefined ? undefined : definitions[name];
  if (!target) throw new Error(`unresolvable $ref ${ref}`);
  return target;
}

/**
 * Inlines every `$ref`, because a CRD's openAPIV3Schema must be self-contained. Keywords written
 * beside a `$ref` (description, default) win over the referenced definition's.
 */
export function dereference(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dereference);
  if (node === null || typeof node !== "object") return node;
  const { $ref, ...rest } = node as JsonSchema;
  const base = typeof $ref === "string" ? (dereference(resolveRef($ref)) as JsonSchema) : {};
  const out: JsonSchema = { ...base };
  for (const [key, value] of Object.entries(rest)) out[key] = dereference(value);
  return out;
}
