import type { Session } from "../api/generated/types.js";
import { LAST_ACTIVITY_ANNOTATION } from "../api/labels.js";
import type { Cached } from "../api/objects.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import type { Logger } from "../telemetry/log.js";
import type { Backend, SessionDirectory } from "./directory.js";
import { patchSession } from "./session-patch.js";

/** What a request for a Session finds. */
export type Availability =
  | { readonly state: "ready"; readonly backend: Backend }
  /** Starting, or waking: worth holding the request. */
  | { readonly state: "starting"; readonly phase: string; readonly message?: string }
  /** Will not become ready by waiting: failed, terminated, or hibernated at the user's request. */
  | {
      readonly state: "unavailable";
      readonly status: number;
      readonly reason: string;
      readonly message: string;
    };

export function availability(directory: SessionDirectory, session: Session): Availability {
  const phase = session.status?.phase ?? "Pending";
  const backend = directory.backendOf(session);
  if (phase === "Running" && backend) return { state: "ready", backend };
  if (session.spec.state === "terminated" || phase === "Terminated")
    return {
      state: "unavailable",
      status: 410,
      reason: "Terminated",
      message: session.status?.message ?? "This session has ended.",
    };
  if (session.spec.state === "hibernated")
    return {
      state: "unavailable",
      status: 409,
      reason: "Hibernated",
      message: "This session was hibernated on request; wake it from the portal.",
    };
  if (phase === "Hibernated" && session.spec.autoStart === false)
    return {
      state: "unavailable",
      status: 409,
      reason: "Hibernated",
      message: "This session does not start on access; wake it from the portal.",
    };
  if (phase === "Failed")
    return {
      state: "unavailable",
      status: 503,
      reason: session.status?.reason ?? "Failed",
      message: session.status?.message ?? "The session failed to start.",
    };
  return {
    state: "starting",
    phase,
    ...(session.status?.message ? { message: session.status.message } : {}),
  };
}

/**
 * Wakes idle-hibernated Sessions the way the reconciler accepts it: a last-activity annotation newer
 * than status.hibernatedAt. One write per hibernation however many requests arrive while it wakes (a
 * time-based de-duplication would miss a Session that hibernates again soon after a wake).
 */
export class Waker {
  /** Hibernations already woken, as "namespace/name@hibernatedAt". */
  private readonly woken = new Set<string>();

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly log: Logger,
  ) {}

  async wake(session: Cached<Session>): Promise<void> {
    if (session.status?.phase !== "Hibernated") return;
    const key = `${session.metadata?.namespace}/${session.metadata?.name}`;
    const hibernation = `${key}@${session.status.hibernatedAt ?? ""}`;
    if (this.woken.has(hibernation)) return;
    if (this.woken.size > 10_000) this.woken.clear();
    this.woken.add(hibernation);
    this.log.info("waking session", { session: key });
    try {
      await patchSession(this.kubeConfig, session.metadata?.namespace ?? "", session.metadata?.name ?? "", {
        metadata: { annotations: { [LAST_ACTIVITY_ANNOTATION]: new Date().toISOString() } },
      });
    } catch (err) {
      // The next request tries again.
      this.woken.delete(hibernation);
      throw err;
    }
  }
}

/**
 * Resolves with the Session's availability once it is no longer "starting" (ready, failed…), or with
 * the last "starting" one when `timeoutMs` passes or `signal` aborts. Driven by the watches, not polling.
 */
export function waitAvailable(
  directory: SessionDirectory,
  namespace: string,
  name: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Availability | undefined> {
  return new Promise((resolve) => {
    const check = (final: boolean) => {
      const session = directory.session(namespace, name);
      const now = session ? availability(directory, session) : undefined;
      if (final || !now || now.state !== "starting") {
        unsubscribe();
        clearTimeout(timer);
        signal?.removeEventListener("abort", abort);
        resolve(now);
      }
    };
    const abort = () => check(true);
    const unsubscribe = directory.onChange(() => check(false));
    const timer = setTimeout(() => check(true), timeoutMs);
    signal?.addEventListener("abort", abort, { once: true });
    check(false);
  });
}
