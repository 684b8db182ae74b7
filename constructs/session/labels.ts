import type { Session } from "../../src/api/generated/types.js";
import { SESSION_LABEL, TEMPLATE_LABEL, USER_LABEL } from "../../src/api/labels.js";
import { labelValue, sessionObjectName } from "../../src/api/names.js";

type Labels = Record<string, string>;

/** The labels that select a Session's pods; immutable once the Deployment exists, so kept minimal. */
export function sessionSelector(sessionName: string): Labels {
  return { [SESSION_LABEL]: labelValue(sessionName) };
}

export function sessionLabels(session: Session): Labels {
  const name = session.metadata?.name ?? "";
  return {
    "app.kubernetes.io/name": labelValue(session.spec.template),
    "app.kubernetes.io/instance": sessionObjectName(name),
    "app.kubernetes.io/component": "session",
    "app.kubernetes.io/part-of": "streamspace",
    "app.kubernetes.io/managed-by": "streamspace",
    ...sessionSelector(name),
    [USER_LABEL]: labelValue(session.spec.user),
    [TEMPLATE_LABEL]: labelValue(session.spec.template),
  };
}

/** Labels of a home volume: it belongs to a user, not to a session, and outlives them. */
export function homeLabels(user: string): Labels {
  return {
    "app.kubernetes.io/component": "home",
    "app.kubernetes.io/part-of": "streamspace",
    "app.kubernetes.io/managed-by": "streamspace",
    [USER_LABEL]: labelValue(user),
  };
}
