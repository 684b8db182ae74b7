import { randomBytes } from "node:crypto";
import { createLogger, type Logger } from "../telemetry/log.js";
import { kubeRequest } from "./kube-http.js";
import type { KubeConfig } from "./kubeconfig.js";
import { microTime } from "./micro-time.js";

/** The object an Event is about, as `kubectl describe` and `kubectl events --for` find it. */
export interface EventSubject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
}

export interface EventSpec {
  readonly type: "Normal" | "Warning";
  /** CamelCase, what happened: "Ready", "QuotaExceeded"… */
  readonly reason: string;
  /** What the controller did about it, e.g. "Reconcile". */
  readonly action: string;
  /** For a person; the API server refuses more than 1 kB. */
  readonly note: string;
}

const MAX_NOTE = 1024;

/** Hex time plus a random tail, so two Events of one subject in one millisecond get distinct names. */
function eventSuffix(now: number): string {
  return `${now.toString(16)}${randomBytes(2).toString("hex")}`;
}

/**
 * Writes events.k8s.io/v1 Events, so `kubectl describe` shows what the controllers did next to the
 * object. Best effort: an Event that cannot be written is logged and dropped, never a reconcile failure.
 */
export class EventRecorder {
  private readonly log: Logger;

  constructor(
    private readonly kc: KubeConfig,
    private readonly controller: string,
    private readonly instance: string,
    log?: Logger,
  ) {
    this.log = log ?? createLogger();
  }

  record(subject: EventSubject, event: EventSpec, now = Date.now()): void {
    const body = {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      // client-go's naming: the subject, then the time in hex (a generateName may not end in ".").
      metadata: { name: `${subject.name}.${eventSuffix(now)}`, namespace: subject.namespace },
      eventTime: microTime(now),
      reportingController: this.controller,
      reportingInstance: this.instance,
      regarding: subject,
      type: event.type,
      reason: event.reason,
      action: event.action,
      note: event.note.length > MAX_NOTE ? `${event.note.slice(0, MAX_NOTE - 1)}…` : event.note,
    };
    const path = `/apis/events.k8s.io/v1/namespaces/${encodeURIComponent(subject.namespace)}/events`;
    kubeRequest(this.kc, path, { method: "POST", body }).catch((err) =>
      this.log.warn("event not recorded", { reason: event.reason, name: subject.name, err }),
    );
  }
}
