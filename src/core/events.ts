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

export interface EventRecorderOptions {
  /** Events sent at once; default 2. A burst of Sessions makes a burst of Events, and the API server
   *  has the Sessions' own writes to serve first. */
  readonly concurrency?: number;
  /** Events waiting to be sent; past this the newest are dropped (and counted in the log). Default 1000. */
  readonly backlog?: number;
}

/**
 * Writes events.k8s.io/v1 Events, so `kubectl describe` shows what the controllers did next to the
 * object. Best effort, like client-go's broadcaster: an Event waits in a bounded backlog, a few are
 * sent at a time, and one that cannot be written (or finds the backlog full) is logged and dropped,
 * never a reconcile failure.
 */
export class EventRecorder {
  private readonly log: Logger;
  private readonly concurrency: number;
  private readonly backlogSize: number;
  private readonly backlog: Array<{ path: string; body: unknown; reason: string; name: string }> = [];
  private sending = 0;
  private dropped = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly controller: string,
    private readonly instance: string,
    log?: Logger,
    opts: EventRecorderOptions = {},
  ) {
    this.log = log ?? createLogger();
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
    this.backlogSize = opts.backlog ?? 1000;
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
    if (this.backlog.length >= this.backlogSize) {
      if (this.dropped++ === 0)
        this.log.warn("event backlog full; dropping events", { size: this.backlogSize });
      return;
    }
    if (this.dropped > 0) {
      this.log.warn("events dropped while the backlog was full", { dropped: this.dropped });
      this.dropped = 0;
    }
    const path = `/apis/events.k8s.io/v1/namespaces/${encodeURIComponent(subject.namespace)}/events`;
    this.backlog.push({ path, body, reason: event.reason, name: subject.name });
    this.pump();
  }

  /** Events waiting to be sent, not counting those in flight. */
  get waiting(): number {
    return this.backlog.length;
  }

  private pump(): void {
    while (this.sending < this.concurrency) {
      const next = this.backlog.shift();
      if (!next) return;
      this.sending++;
      kubeRequest(this.kc, next.path, { method: "POST", body: next.body })
        .catch((err) => this.log.warn("event not recorded", { reason: next.reason, name: next.name, err }))
        .finally(() => {
          this.sending--;
          this.pump();
        });
    }
  }
}
