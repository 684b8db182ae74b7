import type { Template, TemplateRepository } from "../api/generated/types.js";
import { REPOSITORY_LABEL } from "../api/labels.js";
import type { Principal } from "../identity/principal.js";

export type Caller = Pick<Principal, "name" | "admin" | "groups">;

/**
 * Whether the caller may see and launch a Template, from its repository's `spec.visibility`
 * (docs/decisions/0111): admins see every Template; a Template applied by hand (no repository label)
 * is public; one whose repository is not public is seen by the users and groups the repository names;
 * one whose repository is gone (about to be pruned) by admins only.
 */
export function mayLaunch(
  template: Template,
  repository: (name: string) => TemplateRepository | undefined,
  caller: Caller,
): boolean {
  if (caller.admin) return true;
  const repoName = template.metadata?.labels?.[REPOSITORY_LABEL];
  if (repoName === undefined) return true;
  const repo = repository(repoName);
  if (!repo) return false;
  const visibility = repo.spec.visibility;
  if (visibility?.public !== false) return true;
  return (
    (visibility.users ?? []).includes(caller.name) ||
    (visibility.groups ?? []).some((g) => caller.groups.includes(g))
  );
}
