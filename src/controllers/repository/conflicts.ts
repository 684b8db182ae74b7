import type { Problem, TemplateDefinition } from "./manifests.js";

/** A repository as far as precedence goes. */
export interface RepositoryRank {
  readonly name: string;
  /** RFC 3339; compared as text, which orders RFC 3339 UTC times correctly. */
  readonly creationTimestamp?: string;
}

/**
 * The order in which repositories of one namespace take precedence for a Template name they both
 * define: the one created first, then the lower name. It depends only on the repositories, never on
 * which was synced first, so every reconcile of every replica reaches the same answer.
 */
export function precedes(a: RepositoryRank, b: RepositoryRank): boolean {
  const ta = a.creationTimestamp ?? "";
  const tb = b.creationTimestamp ?? "";
  if (ta !== tb) return ta < tb;
  return a.name < b.name;
}

export interface Resolution {
  /** Definitions this repository applies. */
  readonly winners: TemplateDefinition[];
  /** Warnings for both sides of each conflict, at the definition's file and document. */
  readonly problems: Problem[];
}

/**
 * Splits a repository's definitions into those it applies and those another repository takes.
 * `claimants(name)` are the other repositories of the namespace that define or hold that name;
 * `handMade(name)` says a Template of that name exists that no repository made: a repository
 * never overwrites one.
 */
export function resolveConflicts(
  self: RepositoryRank,
  definitions: readonly TemplateDefinition[],
  claimants: (name: string) => readonly RepositoryRank[],
  handMade: (name: string) => boolean = () => false,
): Resolution {
  const winners: TemplateDefinition[] = [];
  const problems: Problem[] = [];
  for (const definition of definitions) {
    if (handMade(definition.name)) {
      problems.push({
        file: definition.file,
        document: definition.document,
        field: "metadata.name",
        severity: "Warning",
        message: `Template ${definition.name} already exists and no repository made it; this definition is not applied (delete that Template to let this repository manage it)`,
      });
      continue;
    }
    const others = claimants(definition.name).filter((o) => o.name !== self.name);
    if (others.length === 0) {
      winners.push(definition);
      continue;
    }
    const first = others.reduce((best, o) => (precedes(o, best) ? o : best));
    const at = {
      file: definition.file,
      document: definition.document,
      field: "metadata.name",
      severity: "Warning" as const,
    };
    const names = others
      .map((o) => o.name)
      .sort()
      .join(", ");
    if (precedes(self, first)) {
      winners.push(definition);
      problems.push({
        ...at,
        message: `Template ${definition.name} is also defined by repository ${names}; this repository's definition is applied (it was created first)`,
      });
    } else {
      problems.push({
        ...at,
        message: `Template ${definition.name} is also defined by repository ${first.name}, which was created first and takes precedence; this definition is not applied`,
      });
    }
  }
  return { winners, problems };
}

/** A live Template no repository made: it carries no repository label. */
export function isHandMade(
  live: { metadata?: { labels?: Record<string, string> } } | undefined,
  label: string,
): boolean {
  return live !== undefined && !live.metadata?.labels?.[label];
}
