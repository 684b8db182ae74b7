// The API layer (src/api: schemas, generated types, validation, group/version, label and annotation
// keys, names) is the bottom of the code: it imports nothing of ours above it; constructs/ build on it
// and the platform config only; controllers do not import each other.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** Our own modules a file imports, as paths from the repository root. */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) =>
    relative(ROOT, resolve(ROOT, dirname(file), m[1] as string)),
  );
}

function violations(files: string[], allowed: (target: string, file: string) => boolean): string[] {
  return files.flatMap((file) =>
    imports(file)
      .filter((t) => !allowed(t, file))
      .map((t) => `${file} → ${t}`),
  );
}

describe("the API layer boundary", () => {
  it("reads the imports it checks", () => {
    expect(imports("constructs/session/bundle.ts")).toContain("src/api/names.js");
  });

  it("src/api imports only src/api", () => {
    expect(violations(sources("src/api"), (t) => t.startsWith("src/api/"))).toEqual([]);
  });

  it("constructs/ import only constructs/, src/api and src/config", () => {
    const allowed = (t: string) => ["constructs/", "src/api/", "src/config/"].some((p) => t.startsWith(p));
    expect(violations(sources("constructs"), allowed)).toEqual([]);
  });

  it("a controller imports no other controller", () => {
    const controllerOf = (path: string) => /^src\/controllers\/([^/]+)\//.exec(path)?.[1];
    const allowed = (t: string, file: string) => !controllerOf(t) || controllerOf(t) === controllerOf(file);
    expect(violations(sources("src/controllers"), allowed)).toEqual([]);
  });
});
