import { ApiObject } from "cdk8s";
import { Construct } from "constructs";
import {
  API_GROUP,
  API_VERSION,
  crdNames,
  dereference,
  type JsonSchema,
  type KindName,
  kindSchema,
} from "../../src/api/schemas/index.js";

/** Keywords of our JSON Schemas that a CRD's openAPIV3Schema does not accept. */
const NOT_FOR_CRDS = new Set(["$id", "$schema", "title", "x-streamspace-crd", "x-helm-example"]);

/**
 * Rewrites what a CRD schema says differently: unknown fields are rejected by the API server's
 * strict field validation (and pruned), so `additionalProperties: false` goes; uniqueness of a list
 * of scalars is `x-kubernetes-list-type: set`, because `uniqueItems` is forbidden.
 */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (NOT_FOR_CRDS.has(key)) continue;
    if (key === "additionalProperties" && value === false) continue;
    if (key === "uniqueItems") {
      if (value === true) out["x-kubernetes-list-type"] = "set";
      continue;
    }
    out[key] = strip(value);
  }
  return out;
}

/**
 * The kind's schema as a structural openAPIV3Schema: `$ref`s inlined, and metadata left to the
 * API server (a CRD may not constrain it beyond its type).
 */
export function openApiSchema(kind: KindName): JsonSchema {
  const schema = strip(dereference(kindSchema(kind))) as JsonSchema;
  const properties = { ...(schema.properties as JsonSchema), metadata: { type: "object" } };
  return { ...schema, properties };
}

export interface CustomResourceDefinitionProps {
  readonly kind: KindName;
  /** Extra annotations, such as an Argo CD sync wave. Default: none. */
  readonly annotations?: Record<string, string>;
}

export class StreamSpaceCrd extends Construct {
  constructor(scope: Construct, id: string, props: CustomResourceDefinitionProps) {
    super(scope, id);
    const names = crdNames(props.kind);
    new ApiObject(this, "Resource", {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: {
        name: `${names.plural}.${API_GROUP}`,
        labels: { "app.kubernetes.io/part-of": "streamspace" },
        ...(props.annotations ? { annotations: props.annotations } : {}),
      },
      spec: {
        group: API_GROUP,
        scope: "Namespaced",
        names: {
          kind: props.kind,
          listKind: `${props.kind}List`,
          plural: names.plural,
          singular: names.singular,
          shortNames: [...names.shortNames],
          categories: [...names.categories],
        },
        versions: [
          {
            name: API_VERSION,
            served: true,
            storage: true,
            schema: { openAPIV3Schema: openApiSchema(props.kind) },
            subresources: { status: {} },
            additionalPrinterColumns: names.printerColumns.map((c) => ({ ...c })),
          },
        ],
      },
    } as never);
  }
}
