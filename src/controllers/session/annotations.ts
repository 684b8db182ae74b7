/**
 * Annotations, not spec, carry what the API or CLI tells the controller, so that a Session kept in git
 * and synced by Argo CD or Flux is never fought over.
 */

/** RFC 3339 time of the user's last activity; setting it to now wakes an idle-hibernated session. */
export const LAST_ACTIVITY_ANNOTATION = "streamspace.io/last-activity";

/** JSON list of the owner's groups, set by the API from the login; an admission policy lets no one else. */
export const USER_GROUPS_ANNOTATION = "streamspace.io/user-groups";
