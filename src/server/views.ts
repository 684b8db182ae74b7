import { appTypeOf } from "../api/app-endpoint.js";
import type { Session, Template } from "../api/generated/types.js";
import type { Cached } from "../api/objects.js";

/** A Session as the API shows it: the fields a list needs on top, the whole spec and status below. */
export function sessionView(s: Session) {
  return {
    name: s.metadata?.name ?? "",
    user: s.spec.user,
    template: s.spec.template,
    state: s.spec.state ?? "running",
    phase: s.status?.phase ?? "Pending",
    createdAt: s.metadata?.creationTimestamp ?? "",
    ...(s.status?.url ? { url: s.status.url } : {}),
    tags: s.spec.tags ?? [],
    spec: s.spec,
    status: s.status ?? {},
  };
}

// The informer replaces a Session's object whenever it changes, so the object is a key for its JSON.
const viewJson = new WeakMap<Session, string>();

/** `sessionView(s)` as JSON, made once per version of the Session (lists serialize it on every request). */
export function sessionViewJson(s: Session): string {
  let json = viewJson.get(s);
  if (json === undefined) {
    json = JSON.stringify(sessionView(s));
    viewJson.set(s, json);
  }
  return json;
}

export type TemplateValidity = { valid: boolean; reason?: string; message?: string };

/** Whether the Template controller found the Template usable, from the Ready condition it writes. */
export function reportedValidity(t: Template): TemplateValidity {
  const conditions =
    (
      t.status as
        | { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> }
        | undefined
    )?.conditions ?? [];
  const c = conditions.find((x) => x.type === "Ready");
  if (!c) return { valid: true };
  return {
    valid: c.status === "True",
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
  };
}

export function templateSummary(t: Cached<Template>, favorite: boolean) {
  return {
    name: t.metadata?.name ?? "",
    displayName: t.spec.displayName,
    description: t.spec.description ?? "",
    category: t.spec.category ?? "",
    tags: t.spec.tags ?? [],
    icon: t.spec.icon ?? "",
    appType: appTypeOf(t.spec),
    favorite,
    ...reportedValidity(t),
  };
}
