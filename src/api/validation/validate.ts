import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import { commonDefs, type JsonSchema, KINDS, type KindName, kindSchema } from "../schemas/index.js";
import { type FieldError, formatFieldError, toFieldErrors } from "./field-errors.js";

export type { FieldError } from "./field-errors.js";

export type Validation<T> =
  | { readonly ok: true; readonly value: T; readonly errors: readonly [] }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** Keywords that mean something to Kubernetes or to our generators, not to validation. */
const ANNOTATION_KEYWORDS = [
  "x-kubernetes-int-or-string",
  "x-kubernetes-list-type",
  "x-kubernetes-list-map-keys",
  "x-kubernetes-preserve-unknown-fields",
  "x-kubernetes-validations",
  "x-streamspace-crd",
  "x-helm-example",
];

// ajv-formats is CommonJS with a default export that NodeNext sees as the module object.
const addFormats = formats as unknown as typeof formats.default;

export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strictTypes: false });
  addFormats(ajv);
  ajv.addVocabulary(ANNOTATION_KEYWORDS);
  return ajv;
}

const ajv = createAjv();
ajv.addSchema(commonDefs);
const validators = new Map<KindName, ValidateFunction>();

function validatorFor(kind: KindName): ValidateFunction {
  const cached = validators.get(kind);
  if (cached) return cached;
  const fn = ajv.compile(kindSchema(kind));
  validators.set(kind, fn);
  return fn;
}

/** Compiles every kind's validator up front, so that a broken schema fails at start-up, not mid-reconcile. */
export function compileAll(): void {
  for (const kind of KINDS) validatorFor(kind);
}

/**
 * Checks a resource against its kind's schema. On success `value` is a copy with the schema's
 * defaults filled in; the input is never changed.
 */
export function validateResource<T>(kind: KindName, resource: unknown): Validation<T> {
  const copy = structuredClone(resource);
  const fn = validatorFor(kind);
  if (fn(copy)) return { ok: true, value: copy as T, errors: [] };
  return { ok: false, errors: toFieldErrors(fn.errors) };
}

/** Compiles an arbitrary schema (the platform config's, for one) with the same options. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  return ajv.compile(schema);
}

export class ValidationError extends Error {
  constructor(
    readonly subject: string,
    readonly errors: readonly FieldError[],
  ) {
    super(`${subject} is invalid:\n${errors.map((e) => `  - ${formatFieldError(e)}`).join("\n")}`);
    this.name = "ValidationError";
  }
}
