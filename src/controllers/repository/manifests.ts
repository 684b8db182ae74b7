import { parseAllDocuments } from "yaml";
import type { Template, TemplateSpec } from "../../api/generated/types.js";
import { validateResource } from "../../api/validation/validate.js";
import { SyncError } from "../../git/errors.js";
import type { RepoFile } from "../../git/tree.js";
import { API_VERSION, convertTemplate, dnsLabelFor, LEGACY_API_VERSION } from "./convert.js";

/** One thing wrong (or converted) in a repository, as status.errors shows it. */
export interface Problem {
  readonly file: string;
  /** Index of the YAML document in the file, from 0. */
  readonly document?: number;
  readonly field?: string;
  readonly message: string;
  readonly severity: "Error" | "Warning";
}

/** A Template found in a repository, in the current format, before it is labelled and applied. */
export interface TemplateDefinition {
  readonly name: string;
  readonly file: string;
  readonly document: number;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: TemplateSpec;
}

export interface ParseLimits {
  /** Aliases one document may expand (YAML "billion laughs"). */
  readonly maxAliasCount: number;
  /** Documents in one file; a file with more is skipped. */
  readonly maxDocumentsPerFile: number;
  /**
   * Time for parsing all files. Checked between files: one file is bounded by the file size and
   * alias limits already, this bounds a repository of many slow ones.
   */
  readonly maxParseMs: number;
}

// DNS-1123 subdomain, what the API server requires of a custom resource's name.
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The YAML documents of one file as plain values; a file that cannot be read whole yields none. */
export function parseDocuments(
  file: { path: string; content: Uint8Array },
  limits: ParseLimits,
): { documents: Array<{ index: number; value: unknown }>; problems: Problem[] } {
  const fail = (message: string, document?: number) => ({
    documents: [],
    problems: [
      {
        file: file.path,
        ...(document !== undefined ? { document } : {}),
        message,
        severity: "Error" as const,
      },
    ],
  });
  if (file.content.subarray(0, 8000).includes(0)) return fail("is a binary file, not YAML");
  let text: string;
  try {
    text = utf8.decode(file.content);
  } catch {
    return fail("is not UTF-8 text");
  }
  const parsed = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  const docs = Array.isArray(parsed) ? parsed : [];
  if (docs.length > limits.maxDocumentsPerFile) {
    return fail(
      `holds ${docs.length} YAML documents; files with more than ${limits.maxDocumentsPerFile} are skipped`,
    );
  }
  const documents: Array<{ index: number; value: unknown }> = [];
  const problems: Problem[] = [];
  docs.forEach((doc, index) => {
    const error = doc.errors[0];
    if (error) {
      const where = error.linePos?.[0];
      const at = where ? ` (line ${where.line}, column ${where.col})` : "";
      problems.push({
        file: file.path,
        document: index,
        message: `is not valid YAML${at}: ${error.message.split("\n")[0]}`,
        severity: "Error",
      });
      return;
    }
    try {
      const value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
      if (value !== null && value !== undefined) documents.push({ index, value });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      problems.push({
        file: file.path,
        document: index,
        message: /alias/i.test(message)
          ? `expands too many YAML aliases (more than ${limits.maxAliasCount}); skipped`
          : `cannot be read: ${message}`,
        severity: "Error",
      });
    }
  });
  return { documents, problems };
}

function stringMap(value: unknown): Record<string, string> {
  return isObject(value) ? (value as Record<string, string>) : {};
}

/**
 * The Template in one document, or why there is none. Documents of other kinds are reported and
 * ignored (kustomize's own files silently), older-format Templates converted, and a namespace in the
 * file dropped: a repository's Templates always go to the repository's namespace.
 */
export function templateFromDocument(
  value: unknown,
  where: { file: string; document: number; namespace: string },
): { definition?: TemplateDefinition; problems: Problem[] } {
  const at = { file: where.file, document: where.document };
  const problems: Problem[] = [];
  const error = (field: string | undefined, message: string) => ({
    problems: [...problems, { ...at, ...(field ? { field } : {}), message, severity: "Error" as const }],
  });
  if (!isObject(value)) return error(undefined, "is not a Kubernetes object (a YAML mapping with a kind)");
  if (typeof value.kind !== "string") return error("kind", "is required");
  const apiVersion = value.apiVersion;
  if (typeof apiVersion === "string" && apiVersion.startsWith("kustomize.config.k8s.io/"))
    return { problems };
  if (value.kind !== "Template") {
    return {
      problems: [
        { ...at, field: "kind", message: `is ${value.kind}, not Template; ignored`, severity: "Warning" },
      ],
    };
  }

  if (apiVersion !== API_VERSION && apiVersion !== LEGACY_API_VERSION) {
    return error(
      "apiVersion",
      `must be ${API_VERSION} (or the older ${LEGACY_API_VERSION}), got ${JSON.stringify(apiVersion)}`,
    );
  }
  const converted = convertTemplate(value);
  const doc = converted.document;
  for (const note of converted.notes) problems.push({ ...at, ...note, severity: "Warning" });

  const metadata = isObject(doc.metadata) ? doc.metadata : {};
  const written = metadata.name;
  if (typeof written !== "string" || written === "") return error("metadata.name", "is required");
  let name = written;
  if (name.length > 253 || !NAME.test(name)) {
    const label = dnsLabelFor(name);
    if (!label) {
      return error(
        "metadata.name",
        `${JSON.stringify(name)} is not a valid name: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`,
      );
    }
    problems.push({
      ...at,
      field: "metadata.name",
      message: `${JSON.stringify(name)} is not a valid name (lower-case letters, digits, '-' and '.'); applied as ${label}: rename it in the file`,
      severity: "Warning",
    });
    name = label;
  }
  if (typeof metadata.namespace === "string" && metadata.namespace !== where.namespace) {
    problems.push({
      ...at,
      field: "metadata.namespace",
      message: `${metadata.namespace} is ignored: Templates are applied to the repository's namespace, ${where.namespace}`,
      severity: "Warning",
    });
  }

  const { status: _status, ...object } = doc;
  const checked = validateResource<Template>("Template", {
    ...object,
    metadata: {
      name,
      ...(metadata.labels !== undefined ? { labels: metadata.labels } : {}),
      ...(metadata.annotations !== undefined ? { annotations: metadata.annotations } : {}),
    },
  });
  if (!checked.ok) {
    return {
      problems: [
        ...problems,
        ...checked.errors.map((e) => ({
          ...at,
          field: e.field,
          message: e.message,
          severity: "Error" as const,
        })),
      ],
    };
  }
  return {
    definition: {
      name,
      ...at,
      labels: stringMap(metadata.labels),
      annotations: stringMap(metadata.annotations),
      // As written, not with the schema's defaults: the API server fills those, and fields we do not
      // set are not ours under server-side apply.
      spec: (doc as unknown as Template).spec,
    },
    problems,
  };
}

export interface Definitions {
  readonly definitions: TemplateDefinition[];
  readonly problems: Problem[];
  /** Files with an Error: their Templates are kept as they were, never pruned for it. */
  readonly brokenFiles: ReadonlySet<string>;
}

/** What one file defines, before names are compared across files. */
export interface FileTemplates {
  readonly definitions: TemplateDefinition[];
  readonly problems: Problem[];
  readonly bytes: number;
}

export function templatesInFile(
  file: RepoFile & { content: Uint8Array },
  opts: { namespace: string; limits: ParseLimits },
): FileTemplates {
  const parsed = parseDocuments(file, opts.limits);
  const definitions: TemplateDefinition[] = [];
  const problems = [...parsed.problems];
  for (const { index, value } of parsed.documents) {
    const found = templateFromDocument(value, {
      file: file.path,
      document: index,
      namespace: opts.namespace,
    });
    problems.push(...found.problems);
    if (found.definition) definitions.push(found.definition);
  }
  return { definitions, problems, bytes: file.content.length };
}

/** Cache key of a file's parse: its path and its blob id, which changes whenever its content does. */
export const fileKey = (file: { path: string; oid: string }) => `${file.path}\0${file.oid}`;

/**
 * Every Template the files define, in path order. A name defined twice keeps its first definition;
 * the later one is reported where it is, so the fix is obvious. Files found in `cache` (same path,
 * same blob) are not parsed again, so a push that changes one file parses one file; `cache` is left
 * holding exactly the files given.
 */
export function templatesFromFiles(
  files: readonly RepoFile[],
  opts: { namespace: string; limits: ParseLimits },
  cache: Map<string, FileTemplates> = new Map(),
): Definitions {
  const deadline = Date.now() + opts.limits.maxParseMs;
  const perFile: FileTemplates[] = [];
  const current = new Set<string>();
  for (const file of files) {
    const key = fileKey(file);
    current.add(key);
    let found = cache.get(key);
    if (!found) {
      if (Date.now() > deadline) {
        throw new SyncError(
          "LimitExceeded",
          `parsing the manifests took longer than ${opts.limits.maxParseMs / 1000}s; stopped at ${file.path}`,
          true,
        );
      }
      if (!file.content) throw new Error(`${file.path} was neither read nor parsed before`);
      found = templatesInFile({ ...file, content: file.content }, opts);
      cache.set(key, found);
    }
    perFile.push(found);
  }
  for (const key of cache.keys()) if (!current.has(key)) cache.delete(key);

  const definitions: TemplateDefinition[] = [];
  const problems: Problem[] = [];
  const seen = new Map<string, TemplateDefinition>();
  for (const found of perFile) {
    problems.push(...found.problems);
    for (const definition of found.definitions) {
      const first = seen.get(definition.name);
      if (first) {
        problems.push({
          file: definition.file,
          document: definition.document,
          field: "metadata.name",
          message: `Template ${definition.name} is already defined in ${first.file} (document ${first.document}); this one is skipped`,
          severity: "Error",
        });
        continue;
      }
      seen.set(definition.name, definition);
      definitions.push(definition);
    }
  }
  const brokenFiles = new Set(problems.filter((p) => p.severity === "Error").map((p) => p.file));
  return { definitions, problems, brokenFiles };
}
