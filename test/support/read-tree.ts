import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file below `dir`, by path relative to it: what is committed of a generated folder. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** readTree(dir) as a git commit's files: paths under `prefix/`, for the test git server. */
export function treeFiles(dir: string, prefix: string): Record<string, string> {
  return Object.fromEntries([...readTree(dir)].map(([path, text]) => [`${prefix}/${path}`, text]));
}
