import type { ErrorObject } from "ajv";

/** One problem with one field, phrased so a user knows what to change. */
export interface FieldError {
  /** Dotted path to the field, e.g. `spec.vnc.port` or `spec.ports[0].containerPort`. */
  readonly field: string;
  readonly message: string;
}

export function formatFieldError(error: FieldError): string {
  return `${error.field}: ${error.message}`;
}

function fieldPath(instancePath: string, child?: string): string {
  const parts = instancePath.split("/").slice(1);
  if (child !== undefined) parts.push(child);
  let out = "";
  for (const raw of parts) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(part) ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out === "" ? "(document)" : out;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function describe(error: ErrorObject): FieldError {
  const got = ` (got ${show(error.data)})`;
  const schema = (error.parentSchema ?? {}) as { description?: string; properties?: object };
  switch (error.keyword) {
    case "required":
      return {
        field: fieldPath(error.instancePath, String(error.params.missingProperty)),
        message: "is required",
      };
    case "additionalProperties": {
      const allowed = Object.keys(schema.properties ?? {}).join(", ");
      return {
        field: fieldPath(error.instancePath, String(error.params.additionalProperty)),
        message: `is not a known field; allowed here: ${allowed}`,
      };
    }
    case "enum":
      return {
        field: fieldPath(error.instancePath),
        message: `must be one of ${(error.params.allowedValues as unknown[]).map(show).join(", ")}${got}`,
      };
    case "pattern":
    case "anyOf":
      return {
        field: fieldPath(error.instancePath),
        message: `${schema.description ? `must be ${lowerFirst(schema.description)}` : `must match ${error.params.pattern}`}${got}`,
      };
    case "not": {
      const both = ((error.schema as { required?: string[] }).required ?? []).join(" and ");
      return { field: fieldPath(error.instancePath), message: `must not set ${both} together; set only one` };
    }
    case "maxProperties":
      return {
        field: fieldPath(error.instancePath),
        message: `must set at most ${error.params.limit} of ${Object.keys(schema.properties ?? {}).join(", ")}`,
      };
    default:
      return { field: fieldPath(error.instancePath), message: `${error.message ?? "is invalid"}${got}` };
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, "");
}

/**
 * Turns ajv's errors into one message per field. Errors from inside an `anyOf` are dropped in favour
 * of the `anyOf` itself, which carries the field's description ("a Kubernetes quantity such as …").
 */
export function toFieldErrors(errors: readonly ErrorObject[] | null | undefined): FieldError[] {
  const list = errors ?? [];
  const anyOfPaths = new Set(list.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of list) {
    if (
      error.keyword !== "anyOf" &&
      anyOfPaths.has(error.instancePath) &&
      error.schemaPath.includes("/anyOf/")
    )
      continue;
    if (error.keyword === "pattern" && anyOfPaths.has(error.instancePath)) continue;
    const described = describe(error);
    const key = formatFieldError(described);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(described);
    }
  }
  return out;
}
