/**
 * Why a sync could not use a repository at all. Each reason is a condition reason in the
 * TemplateRepository's status, so users can tell a bad password from a server that is down.
 */
export type SyncFailureReason =
  | "FetchFailed"
  | "AuthenticationFailed"
  | "InvalidSpec"
  | "PathNotFound"
  | "UnsafePath"
  | "LimitExceeded";

export class SyncError extends Error {
  constructor(
    readonly reason: SyncFailureReason,
    message: string,
    /** The same input may succeed later (a time limit hit on a busy machine). */
    readonly transient = false,
  ) {
    super(message);
    this.name = "SyncError";
  }
}

/** Reasons a spec change (not a push, not a retry) is needed to get out of. */
export function isStalled(reason: SyncFailureReason): boolean {
  return reason === "InvalidSpec";
}
