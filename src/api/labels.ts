// Every label and annotation key StreamSpace sets or reads on Kubernetes objects.

/** On a Session's objects: the Session's name (as a label value); selects its pods. */
export const SESSION_LABEL = "streamspace.io/session";
/** On a Session's objects and home volumes: the user (as a label value). */
export const USER_LABEL = "streamspace.io/user";
/** On a Session's objects: the Template's name. */
export const TEMPLATE_LABEL = "streamspace.io/template";
/** Label values cannot hold every user name (e-mail addresses), so the exact one goes in an annotation. */
export const USER_ANNOTATION = "streamspace.io/user";

/**
 * Annotations, not spec, carry what the API or CLI tells the controller, so that a Session kept in git
 * and synced by Argo CD or Flux is never fought over.
 * RFC 3339 time of the user's last activity; setting it to now wakes an idle-hibernated session.
 */
export const LAST_ACTIVITY_ANNOTATION = "streamspace.io/last-activity";

/**
 * On every object the reconciler applies: a hash of the object as last sent, which tells an object
 * applied from what we want now from one that still has fields we stopped declaring (decision 0030).
 */
export const DESIRED_HASH_ANNOTATION = "streamspace.io/desired-hash";

/** On the reconciler's pod template: a checksum of its config, so a config change rolls the pods. */
export const CONFIG_CHECKSUM_ANNOTATION = "streamspace.io/config-checksum";

/** On every Template a repository applied: the repository's name (same namespace). */
export const REPOSITORY_LABEL = "streamspace.io/repository";
/** Set (to any new value, e.g. the time) to make a repository fetch now: what the webhook does. */
export const REQUESTED_AT_ANNOTATION = "streamspace.io/reconcile-requested-at";
/** On every Template a repository applied: the file that defines it, from the repository root. */
export const SOURCE_PATH_ANNOTATION = "streamspace.io/source-path";
/** On every Template a repository applied: the commit that last changed it. */
export const SOURCE_COMMIT_ANNOTATION = "streamspace.io/source-commit";
