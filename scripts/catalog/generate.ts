/**
 * `npm run catalog`: builds every Template from the curated list, validates the lot, and writes
 * catalog/templates/<category>/<name>.yaml plus catalog/README.md. Generated files that no longer
 * correspond to an entry are deleted, so removing an app from apps.ts removes it from the catalog.
 *
 * Nothing is written unless the whole catalog is valid: a duplicate name or a bad field stops the run
 * with an error naming the entry and the field.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { APPS } from "./apps.js";
import { buildTemplate, CATEGORY_LABEL, type TemplateDocument, templatePath } from "./build.js";
import { CATEGORIES } from "./categories.js";
import { CatalogError, checkCatalog } from "./checks.js";
import type { AppEntry } from "./families.js";
import { GENERATED_HEADER, renderReadme, renderTemplate } from "./render.js";

/** A file of the catalog, by its path relative to the catalog directory (POSIX separators). */
export interface CatalogFile {
  readonly path: string;
  readonly content: string;
}

export interface Catalog {
  /** In category order, then in the order of the curated list. */
  readonly templates: readonly TemplateDocument[];
  /** Sorted by path. */
  readonly files: readonly CatalogFile[];
}

export const DEFAULT_CATALOG_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "catalog");

/** Builds and validates the catalog in memory; throws CatalogError listing every problem. */
export function buildCatalog(apps: readonly AppEntry[] = APPS): Catalog {
  const order = new Map<string, number>(CATEGORIES.map((c, i) => [c.slug, i]));
  const rank = (doc: TemplateDocument) =>
    order.get(doc.metadata.labels[CATEGORY_LABEL] ?? "") ?? CATEGORIES.length;
  const templates = apps
    .map((entry, index) => ({ doc: buildTemplate(entry), index }))
    .sort((a, b) => rank(a.doc) - rank(b.doc) || a.index - b.index)
    .map((t) => t.doc);
  const problems = checkCatalog(templates);
  if (problems.length > 0) throw new CatalogError(problems);
  const files: CatalogFile[] = templates.map((doc) => ({
    path: templatePath(doc),
    content: renderTemplate(doc),
  }));
  files.push({ path: "README.md", content: renderReadme(templates) });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { templates, files };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]));
}

/** Generated YAML under templates/ is recognised by its header, so hand-written files are never touched. */
function isGenerated(file: string): boolean {
  return file.endsWith(".yaml") && readFileSync(file, "utf8").startsWith(`# ${GENERATED_HEADER}`);
}

function removeEmptyDirs(dir: string, root: string): void {
  for (const d of readdirSync(dir, { withFileTypes: true }))
    if (d.isDirectory()) removeEmptyDirs(join(dir, d.name), root);
  if (dir !== root && readdirSync(dir).length === 0) rmdirSync(dir);
}

export interface WriteResult {
  readonly written: readonly string[];
  readonly unchanged: number;
  readonly deleted: readonly string[];
}

/** Writes the catalog into `outDir`, leaving files whose content is already right untouched. */
export function writeCatalog(catalog: Catalog, outDir: string): WriteResult {
  const wanted = new Set(catalog.files.map((f) => f.path));
  const written: string[] = [];
  let unchanged = 0;
  for (const file of catalog.files) {
    const target = join(outDir, ...file.path.split("/"));
    let current: string | undefined;
    try {
      current = readFileSync(target, "utf8");
    } catch {
      current = undefined;
    }
    if (current === file.content) {
      unchanged++;
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    written.push(file.path);
  }
  const templatesDir = join(outDir, "templates");
  const deleted: string[] = [];
  for (const file of listFiles(templatesDir)) {
    const rel = relative(outDir, file).split(sep).join("/");
    if (!wanted.has(rel) && isGenerated(file)) {
      rmSync(file);
      deleted.push(rel);
    }
  }
  if (deleted.length > 0) removeEmptyDirs(templatesDir, templatesDir);
  return { written, unchanged, deleted };
}

export function generateCatalog(
  outDir: string = DEFAULT_CATALOG_DIR,
): WriteResult & { readonly count: number } {
  const catalog = buildCatalog();
  return { ...writeCatalog(catalog, outDir), count: catalog.templates.length };
}

function main(): void {
  const outDir = process.argv[2] ?? DEFAULT_CATALOG_DIR;
  try {
    const result = generateCatalog(outDir);
    console.log(
      `catalog: ${result.count} templates in ${relative(process.cwd(), outDir) || "."}: ` +
        `${result.written.length} written, ${result.unchanged} unchanged, ${result.deleted.length} deleted`,
    );
    for (const path of result.deleted) console.log(`  deleted ${path}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
