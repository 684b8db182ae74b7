import { SyncError } from "../../git/errors.js";

/**
 * The annotation by which a Secret lets TemplateRepositories use it: a comma-separated list of their
 * names. Without it, anyone who may create a TemplateRepository could have the reconciler send any
 * Secret of the namespace (a service-account token, another team's git password) to a server of
 * their choice.
 */
export const ALLOWED_REPOSITORIES_ANNOTATION = "streamspace.io/template-repositories";

/** Throws unless the Secret names this repository in its annotation; the message says how to allow it. */
export function checkSecretConsent(
  secret: { metadata?: { annotations?: Record<string, string> } },
  secretName: string,
  repository: string,
): void {
  const allowed = (secret.metadata?.annotations?.[ALLOWED_REPOSITORIES_ANNOTATION] ?? "")
    .split(",")
    .map((name) => name.trim());
  if (allowed.includes(repository)) return;
  throw new SyncError(
    "AuthenticationFailed",
    `spec.secretRef: Secret ${secretName} does not allow this repository to use it; add ${repository} to its annotation ${ALLOWED_REPOSITORIES_ANNOTATION} (comma-separated repository names)`,
  );
}
