import { ALLOWED_REPOSITORIES_ANNOTATION } from "../../api/labels.js";
import { SyncError } from "../../git/errors.js";

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
