import ignoreModule, { type Ignore } from "ignore";

// ignore is CommonJS with a default export that NodeNext sees as the module object.
const ignore = ignoreModule as unknown as typeof ignoreModule.default;

/** The file that lists, in gitignore syntax, what a repository read skips: Flux's name for it. */
export const IGNORE_FILE = ".sourceignore";

/**
 * What every read skips, as Flux's source-controller does: version control files, CI configuration
 * (a workflow file is YAML, but never a Template) and tool files that only look like manifests.
 */
export const DEFAULT_IGNORE = [
  ".git/",
  ".gitignore",
  ".gitmodules",
  ".gitattributes",
  ".github/",
  ".circleci/",
  ".travis.yml",
  ".gitlab-ci.yml",
  "appveyor.yml",
  ".drone.yml",
  "cloudbuild.yaml",
  "codeship-services.yml",
  "codeship-steps.yml",
  "**/.goreleaser.yml",
  "**/.sops.yaml",
  "**/.flux.yaml",
];

interface Scoped {
  /** The folder the patterns were written in, `/`-separated from the repository root; "" for the root. */
  readonly folder: string;
  readonly rules: Ignore;
}

/**
 * gitignore matching over several ignore files, each scoped to its folder, as git and Flux read them:
 * the defaults first, then `.sourceignore` files from the root down, and the last pattern that
 * matches a path decides (so a deeper file, or a later `!pattern`, overrides).
 */
export class IgnoreRules {
  private readonly scopes: Scoped[] = [{ folder: "", rules: ignore().add(DEFAULT_IGNORE) }];

  /** Adds the patterns of the ignore file found in `folder`. */
  add(folder: string, text: string): void {
    this.scopes.push({ folder, rules: ignore().add(text) });
  }

  /** Whether a path from the repository root is skipped; a folder is written with a trailing `/`. */
  ignores(path: string): boolean {
    let ignored = false;
    for (const { folder, rules } of this.scopes) {
      if (folder !== "" && !path.startsWith(`${folder}/`)) continue;
      const relative = folder === "" ? path : path.slice(folder.length + 1);
      const verdict = rules.test(relative);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }
}
