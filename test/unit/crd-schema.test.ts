import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { openApiSchema } from "../../constructs/crds/custom-resource-definition.js";
import { KINDS } from "../../src/api/schemas/index.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";

type Schema = { [key: string]: unknown };

interface Crd {
  kind: string;
  metadata: { name: string };
  spec: {
    group: string;
    names: { kind: string; plural: string; shortNames?: string[] };
    versions: {
      name: string;
      schema: { openAPIV3Schema: Schema };
      additionalPrinterColumns?: { name: string; type: string; jsonPath: string }[];
    }[];
  };
}

const crds = [...synthesize(resolvePlatformConfig({})).values()]
  .map((text) => parse(text) as Crd)
  .filter((object) => object?.kind === "CustomResourceDefinition");

function crdOf(kind: string): Crd {
  const crd = crds.find((c) => c.spec.names.kind === kind);
  if (!crd) throw new Error(`no CRD for ${kind}`);
  return crd;
}

/** Every key anywhere in the schema, except property names (which are data, not keywords). */
function keywords(node: unknown, path = "", out: { key: string; path: string }[] = []) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) keywords(item, `${path}[${i}]`, out);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      out.push({ key, path: `${path}/${key}` });
      if (key === "properties" && value && typeof value === "object") {
        for (const [name, child] of Object.entries(value)) keywords(child, `${path}/properties/${name}`, out);
      } else keywords(value, `${path}/${key}`, out);
    }
  }
  return out;
}

/** Each schema node that describes a value (properties, items, additionalProperties), with its path. */
function valueSchemas(node: Schema, path = "", out: { node: Schema; path: string }[] = []) {
  out.push({ node, path: path || "(root)" });
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Schema>))
    valueSchemas(child, `${path}.${name}`, out);
  if (node.items && typeof node.items === "object") valueSchemas(node.items as Schema, `${path}[]`, out);
  if (node.additionalProperties && typeof node.additionalProperties === "object")
    valueSchemas(node.additionalProperties as Schema, `${path}{}`, out);
  return out;
}

/** Nodes under anyOf/allOf/oneOf/not, where a structural schema allows no type, default or description. */
function junctorNodes(node: unknown, inJunctor = false, out: Schema[] = []): Schema[] {
  if (Array.isArray(node)) for (const item of node) junctorNodes(item, inJunctor, out);
  else if (node !== null && typeof node === "object") {
    if (inJunctor) out.push(node as Schema);
    for (const [key, value] of Object.entries(node)) {
      const junctor = ["anyOf", "allOf", "oneOf", "not"].includes(key);
      if (key === "properties" && value && typeof value === "object") {
        for (const child of Object.values(value)) junctorNodes(child, inJunctor, out);
      } else if (typeof value === "object") junctorNodes(value, inJunctor || junctor, out);
    }
  }
  return out;
}

const INT_OR_STRING = [{ type: "integer" }, { type: "string" }];

describe("each kind's CRD schema", () => {
  it("covers the four kinds", () => {
    expect(KINDS.slice().sort()).toEqual(["Quota", "Session", "Template", "TemplateRepository"]);
    expect(crds.map((c) => c.spec.names.kind).sort()).toEqual(KINDS.slice().sort());
  });

  for (const kind of KINDS) {
    describe(kind, () => {
      const schema = openApiSchema(kind);

      it("has no $ref, $id, $schema, definitions or title anywhere (the API server rejects them)", () => {
        const found = keywords(schema).filter(({ key }) =>
          ["$ref", "$id", "$schema", "definitions", "title"].includes(key),
        );
        expect(found.map((f) => f.path)).toEqual([]);
        expect(JSON.stringify(schema)).not.toContain("common.defs.json");
      });

      it("is structural: every value has a type (or is int-or-string)", () => {
        const untyped = valueSchemas(schema).filter(
          ({ node }) =>
            typeof node.type !== "string" &&
            node["x-kubernetes-int-or-string"] !== true &&
            node["x-kubernetes-preserve-unknown-fields"] !== true,
        );
        expect(untyped.map((u) => u.path)).toEqual([]);
        expect(schema.type).toBe("object");
        expect(schema.properties).toHaveProperty("spec");
        expect((schema.properties as Schema).metadata).toEqual({ type: "object" });
      });

      it("is structural: anyOf only as int-or-string, and no type, default or description inside junctors", () => {
        for (const { node, path } of valueSchemas(schema)) {
          if (node.anyOf === undefined) continue;
          expect(node["x-kubernetes-int-or-string"], path).toBe(true);
          expect(node.anyOf, path).toEqual(INT_OR_STRING);
          expect(node.type, path).toBeUndefined();
        }
        const offending = junctorNodes(schema).filter(
          (node) =>
            "default" in node ||
            "description" in node ||
            "additionalProperties" in node ||
            ("type" in node && !INT_OR_STRING.some((t) => t.type === node.type)),
        );
        expect(offending).toEqual([]);
      });

      it("uses no keyword the API server forbids in a CRD schema", () => {
        const forbidden = keywords(schema).filter(({ key }) =>
          ["patternProperties", "dependencies", "additionalItems", "uniqueItems", "id"].includes(key),
        );
        expect(forbidden.map((f) => f.path)).toEqual([]);
        for (const { node, path } of valueSchemas(schema)) {
          // additionalProperties and properties are mutually exclusive (false is what "no others" means).
          if (node.properties !== undefined) expect(node.additionalProperties, path).toBeUndefined();
          const listType = node["x-kubernetes-list-type"];
          if (listType === "set") expect((node.items as Schema | undefined)?.type, path).not.toBe("object");
          if (listType === "map") {
            const required = ((node.items as Schema | undefined)?.required ?? []) as string[];
            for (const key of (node["x-kubernetes-list-map-keys"] ?? []) as string[])
              expect(required, `${path}: list-map key ${key}`).toContain(key);
          }
        }
      });

      it("is what the synthesized CRD serves", () => {
        const crd = crdOf(kind);
        expect(crd.spec.group).toBe("stream.streamspace.io");
        expect(crd.spec.versions.map((v) => v.name)).toEqual(["v1alpha1"]);
        expect(crd.spec.versions[0]?.schema.openAPIV3Schema).toEqual(schema);
      });

      it("has printer columns that point at fields the schema declares", () => {
        for (const column of crdOf(kind).spec.versions[0]?.additionalPrinterColumns ?? []) {
          if (column.jsonPath === ".metadata.creationTimestamp") continue;
          let node: Schema | undefined = schema;
          for (const part of column.jsonPath.split(".").slice(1)) {
            node = (node?.properties as Record<string, Schema> | undefined)?.[part];
          }
          expect(node, `${column.name}: ${column.jsonPath}`).toBeDefined();
        }
      });
    });
  }

  it("Session's printer columns are User, Template, State, Phase, URL, Age", () => {
    const columns = crdOf("Session").spec.versions[0]?.additionalPrinterColumns ?? [];
    expect(columns.map((c) => c.name)).toEqual(["User", "Template", "State", "Phase", "URL", "Age"]);
    expect(columns.find((c) => c.name === "Age")).toMatchObject({
      type: "date",
      jsonPath: ".metadata.creationTimestamp",
    });
    expect(columns.find((c) => c.name === "Phase")?.jsonPath).toBe(".status.phase");
    expect(columns.find((c) => c.name === "State")?.jsonPath).toBe(".spec.state");
  });

  it("short names: ss for Session, tpl for Template, repo for TemplateRepository", () => {
    expect(crdOf("Session").spec.names.shortNames).toContain("ss");
    expect(crdOf("Template").spec.names.shortNames).toContain("tpl");
    expect(crdOf("TemplateRepository").spec.names.shortNames).toContain("repo");
    // No two kinds claim the same short name (kubectl would pick one at random).
    const all = crds.flatMap((c) => c.spec.names.shortNames ?? []);
    expect(new Set(all).size).toBe(all.length);
  });

  it("CRD names are <plural>.<group>, as the API server requires", () => {
    for (const crd of crds) expect(crd.metadata.name).toBe(`${crd.spec.names.plural}.${crd.spec.group}`);
  });
});
