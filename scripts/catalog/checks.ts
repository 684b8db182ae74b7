/**
 * Validation of the generated catalog: the Template JSON Schema (through the platform's own ajv
 * validator, so the catalog can never drift from what the reconciler accepts) plus the rules a schema
 * cannot express or that only the catalog imposes (unique names, appType consistency, requests not
 * above limits, one-sentence descriptions).
 *
 * Every problem names the entry and the field, so a bad edit to apps.ts is fixed without guessing.
 */
import { validateResource } from "../../src/api/validation/validate.js";
import type { TemplateDocument } from "./build.js";
import { parseQuantity } from "./quantity.js";

export interface CatalogProblem {
  readonly entry: string;
  readonly field: string;
  readonly message: string;
}

export class CatalogError extends Error {
  constructor(readonly problems: readonly CatalogProblem[]) {
    super(
      `the catalog is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems
        .map((p) => `  - catalog entry '${p.entry}': ${p.field}: ${p.message}`)
        .join("\n")}`,
    );
    this.name = "CatalogError";
  }
}

/**
 * Sessions run under Pod Security "baseline" (ADR 0007), which admits added capabilities only from this
 * list; a template asking for more could never start, so it is rejected here rather than in a cluster.
 */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const TAG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Problems with one Template; empty when it is valid. */
export function checkTemplate(doc: TemplateDocument): CatalogProblem[] {
  const name = doc.metadata.name;
  const problems: CatalogProblem[] = [];
  const add = (field: string, message: string) => problems.push({ entry: name, field, message });

  const result = validateResource("Template", doc);
  if (!result.ok) for (const e of result.errors) add(e.field, e.message);

  if (!DNS_LABEL.test(name) || name.length > 63)
    add("metadata.name", "must be a DNS-1123 label of at most 63 characters");

  const { spec } = doc;
  const hasVnc = spec.vnc?.enabled === true;
  const hasWebapp = spec.webapp !== undefined;
  if ((spec.appType === "desktop" || spec.appType === "hybrid") && !hasVnc)
    add("spec.vnc", `is required with enabled: true for appType ${spec.appType}`);
  if ((spec.appType === "webapp" || spec.appType === "hybrid") && !hasWebapp)
    add("spec.webapp", `is required for appType ${spec.appType}`);
  if (spec.appType === "desktop" && hasWebapp)
    add("spec.webapp", "must not be set for appType desktop; use hybrid");
  if (spec.appType === "webapp" && spec.vnc)
    add("spec.vnc", "must not be set for appType webapp; use hybrid");

  const exposed = new Set(spec.ports.map((p) => p.containerPort));
  if (spec.vnc && !exposed.has(spec.vnc.port))
    add("spec.vnc.port", `${spec.vnc.port} is not among spec.ports`);
  if (spec.webapp && !exposed.has(spec.webapp.port))
    add("spec.webapp.port", `${spec.webapp.port} is not among spec.ports`);

  for (const resource of ["cpu", "memory"] as const) {
    const request = parseQuantity(spec.defaultResources.requests[resource]);
    const limit = parseQuantity(spec.defaultResources.limits[resource]);
    if (request === undefined)
      add(`spec.defaultResources.requests.${resource}`, "is not a Kubernetes quantity");
    if (limit === undefined) add(`spec.defaultResources.limits.${resource}`, "is not a Kubernetes quantity");
    if (request !== undefined && limit !== undefined && request > limit)
      add(`spec.defaultResources.requests.${resource}`, "must not exceed the limit");
  }

  spec.securityContext?.addCapabilities?.forEach((cap, i) => {
    if (!BASELINE_CAPABILITIES.has(cap))
      add(`spec.securityContext.addCapabilities[${i}]`, `${cap} is not allowed under Pod Security baseline`);
  });

  const description = spec.description.trim();
  if (description === "" || !description.endsWith(".") || description.length > 200)
    add("spec.description", "must be one sentence ending in a period, at most 200 characters");
  if (!spec.icon.startsWith("https://")) add("spec.icon", "must be an https URL");
  if (!/:[^/:]+$/.test(spec.baseImage)) add("spec.baseImage", "must name a tag explicitly");
  spec.tags.forEach((tag, i) => {
    if (!TAG.test(tag)) add(`spec.tags[${i}]`, `'${tag}' must be lower-case words joined by hyphens`);
  });
  if (new Set(spec.tags).size !== spec.tags.length) add("spec.tags", "must not repeat a tag");
  return problems;
}

/** Problems across the whole catalog: each Template's, plus duplicate names. */
export function checkCatalog(docs: readonly TemplateDocument[]): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    const name = doc.metadata.name;
    if (seen.has(name))
      problems.push({ entry: name, field: "metadata.name", message: "is used by more than one entry" });
    seen.add(name);
    problems.push(...checkTemplate(doc));
  }
  return problems;
}
