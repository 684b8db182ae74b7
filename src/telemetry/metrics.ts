import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { METRICS } from "../api/metrics.js";
import type { RequestRecord } from "../core/kube-http.js";
import type { Reconciler } from "../core/queue.js";

export type ReconcileOutcome = "success" | "requeue" | "error";
export type ApplyResult = "created" | "configured" | "unchanged" | "pruned";

const RECONCILE_OUTCOMES: ReconcileOutcome[] = ["success", "requeue", "error"];
const APPLY_RESULTS: ApplyResult[] = ["created", "configured", "unchanged", "pruned"];

/** Read at scrape time: keys waiting in a controller's queue, and reconciles it allows at once. */
interface QueueReaders {
  readonly depth: () => number;
  readonly limit: () => number;
}

/** The reconciler's Prometheus metrics on their own registry (so tests and several instances never clash). */
export class ReconcilerMetrics {
  readonly registry = new Registry();

  private sessionPhases: () => Record<string, number> = () => ({});
  private readonly queues = new Map<string, QueueReaders>();
  private readonly applyControllers = new Set<string>();

  private readonly reconcileTotal: Counter<"controller" | "result">;
  private readonly reconcileDuration: Histogram<"controller">;
  private readonly queueWait: Histogram<"controller">;
  private readonly applyTotal: Counter<"controller" | "result">;
  private readonly sessionReady: Histogram;
  private readonly sessionHibernate: Histogram;
  private readonly sessionWake: Histogram;
  private readonly watchRestarts: Counter<"resource" | "reason">;
  private readonly kubeRequests: Counter<"verb" | "resource" | "code">;
  private readonly kubeRequestDuration: Histogram<"verb" | "resource">;
  private readonly leader: Gauge;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const self = this;
    new Gauge({
      name: METRICS.sessions,
      help: "Sessions by status.phase",
      labelNames: ["phase"],
      registers,
      // Computed from the cache on each scrape: a counter kept in step with events would drift after
      // every missed or replayed event, the cache cannot.
      collect() {
        this.reset();
        for (const [phase, n] of Object.entries(self.sessionPhases())) this.set({ phase }, n);
      },
    });
    new Gauge({
      name: METRICS.queueDepth,
      help: "Keys waiting in a controller's work queue",
      labelNames: ["controller"],
      registers,
      collect() {
        for (const [controller, { depth }] of self.queues) this.set({ controller }, depth());
      },
    });
    new Gauge({
      name: METRICS.queueConcurrency,
      help: "Reconciles a controller's work queue allows at once",
      labelNames: ["controller"],
      registers,
      collect() {
        for (const [controller, { limit }] of self.queues) this.set({ controller }, limit());
      },
    });
    this.queueWait = new Histogram({
      name: METRICS.queueWait,
      help: "Time a key waited in a controller's work queue before a worker took it",
      labelNames: ["controller"],
      buckets: [0.001, 0.01, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    });
    this.reconcileTotal = new Counter({
      name: METRICS.reconcileTotal,
      help: "Reconciles finished, by controller and result",
      labelNames: ["controller", "result"],
      registers,
    });
    this.reconcileDuration = new Histogram({
      name: METRICS.reconcileDuration,
      help: "Duration of one reconcile",
      labelNames: ["controller"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.applyTotal = new Counter({
      name: METRICS.applyTotal,
      help: "Objects server-side applied or pruned, by controller and result",
      labelNames: ["controller", "result"],
      registers,
    });
    // Buckets bracket the SPEC's targets: usable < 30 s, hibernate < 5 s, wake < 20 s.
    this.sessionReady = new Histogram({
      name: METRICS.sessionReady,
      help: "Time from Session creation to phase Running",
      buckets: [1, 2, 5, 10, 15, 20, 30, 45, 60, 120, 300],
      registers,
    });
    this.sessionHibernate = new Histogram({
      name: METRICS.sessionHibernate,
      help: "Time from hibernate request to workload scaled to zero",
      buckets: [0.5, 1, 2, 3, 5, 10, 20, 30, 60],
      registers,
    });
    this.sessionWake = new Histogram({
      name: METRICS.sessionWake,
      help: "Time from wake request to phase Running",
      buckets: [1, 2, 5, 10, 15, 20, 30, 60, 120],
      registers,
    });
    this.watchRestarts = new Counter({
      name: METRICS.watchRestarts,
      help: "Watches re-established, by resource and reason",
      labelNames: ["resource", "reason"],
      registers,
    });
    this.kubeRequests = new Counter({
      name: METRICS.kubeRequests,
      help: "Requests to the API server by verb, resource and HTTP status (0: no answer)",
      labelNames: ["verb", "resource", "code"],
      registers,
    });
    this.kubeRequestDuration = new Histogram({
      name: METRICS.kubeRequestDuration,
      help: "API server request latency as this client sees it",
      labelNames: ["verb", "resource"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.leader = new Gauge({ name: METRICS.leader, help: "1 while this replica leads", registers });
    this.leader.set(0);
    if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Where the sessions gauge reads its counts at scrape time, e.g. from the Session informer's cache. */
  countSessionsWith(countByPhase: () => Record<string, number>): void {
    this.sessionPhases = countByPhase;
  }

  /** Reports a controller's queue: keys waiting, and reconciles it allows at once. */
  trackQueue(controller: string, readers: QueueReaders): void {
    this.queues.set(controller, readers);
  }

  /** Records how long a key of `controller` waited for a worker. */
  observeQueueWait(controller: string, seconds: number): void {
    this.queueWait.observe({ controller }, seconds);
  }

  /** Wraps a reconciler so each call is timed and counted by outcome. */
  instrument(controller: string, reconcile: Reconciler): Reconciler {
    // Zero-valued series from the start, so rate() and absent-based alerts work before the first error.
    for (const result of RECONCILE_OUTCOMES) this.reconcileTotal.inc({ controller, result }, 0);
    return async (key, signal) => {
      const end = this.reconcileDuration.startTimer({ controller });
      try {
        const res = await reconcile(key, signal);
        const result: ReconcileOutcome = res?.requeueAfterMs !== undefined ? "requeue" : "success";
        this.reconcileTotal.inc({ controller, result });
        return res;
      } catch (err) {
        this.reconcileTotal.inc({ controller, result: "error" });
        throw err;
      } finally {
        end();
      }
    };
  }

  applied(controller: string, result: ApplyResult, count = 1): void {
    if (!this.applyControllers.has(controller)) {
      this.applyControllers.add(controller);
      for (const r of APPLY_RESULTS) this.applyTotal.inc({ controller, result: r }, 0);
    }
    this.applyTotal.inc({ controller, result }, count);
  }

  observeTimeToReady(seconds: number): void {
    this.sessionReady.observe(seconds);
  }

  observeHibernate(seconds: number): void {
    this.sessionHibernate.observe(seconds);
  }

  observeWake(seconds: number): void {
    this.sessionWake.observe(seconds);
  }

  /** Counts and times one finished API server request. */
  requested(record: RequestRecord): void {
    this.kubeRequests.inc({ verb: record.verb, resource: record.resource, code: String(record.code) });
    this.kubeRequestDuration.observe({ verb: record.verb, resource: record.resource }, record.seconds);
  }

  watchRestarted(resource: string, reason: string): void {
    this.watchRestarts.inc({ resource, reason });
  }

  setLeader(leading: boolean): void {
    this.leader.set(leading ? 1 : 0);
  }
}
