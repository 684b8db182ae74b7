// Label and annotation keys StreamSpace sets or reads on Kubernetes objects.

/** On every Template a repository applied: the repository's name (same namespace). */
export const REPOSITORY_LABEL = "streamspace.io/repository";
/** Set (to any new value, e.g. the time) to make a repository fetch now: what the webhook does. */
export const REQUESTED_AT_ANNOTATION = "streamspace.io/reconcile-requested-at";
/** On every Template a repository applied: the file that defines it, from the repository root. */
export const SOURCE_PATH_ANNOTATION = "streamspace.io/source-path";
/** On every Template a repository applied: the commit that last changed it. */
export const SOURCE_COMMIT_ANNOTATION = "streamspace.io/source-commit";
