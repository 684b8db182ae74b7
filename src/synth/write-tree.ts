import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Replaces a directory with exactly these files. They are written beside it first and swapped in
 * with renames, so a failure leaves the old directory as it was and never a half-written one.
 */
export function replaceTree(dir: string, files: ReadonlyMap<string, string>): void {
  const staging = `${dir}.staging-${process.pid}`;
  const previous = `${dir}.previous-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    for (const [path, content] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
      const target = join(staging, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    rmSync(previous, { recursive: true, force: true });
    try {
      renameSync(dir, previous);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    renameSync(staging, dir);
    rmSync(previous, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
