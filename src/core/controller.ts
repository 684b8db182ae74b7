import type { KubernetesObject } from "@kubernetes/client-node";
import { createLogger, type Logger } from "../telemetry/log.js";
import type { ReconcilerMetrics } from "../telemetry/metrics.js";
import type { BackoffOptions } from "./backoff.js";
import type { AdaptiveConcurrency } from "./concurrency.js";
import { enqueueOnChange, type Informer } from "./informer.js";
import { type Reconciler, WorkQueue } from "./queue.js";

export interface ControllerOptions<T extends KubernetesObject> {
  /** Label in logs and metrics, e.g. "session". */
  name: string;
  /** The resource reconciled; its keys are the queue's keys. */
  informer: Informer<T>;
  /**
   * Updates of the primary resource that need no prompt reconcile (e.g. only its status changed, which
   * is our own write coming back): they wait behind every other change. Default: none.
   */
  routineUpdate?: (obj: T, old: T) => boolean;
  reconcile: Reconciler;
  /** Reconciles at once: a number, or limits adjusted to the API server's answers. Default 1. */
  concurrency?: number | AdaptiveConcurrency;
  backoff?: BackoffOptions;
  /** How long one reconcile may take; default the queue's 2 min. */
  deadlineMs?: number;
  log?: Logger;
  metrics?: ReconcilerMetrics;
}

/**
 * Joins informers to a work queue for one reconciler. Informers run on every replica (warm caches, fast
 * failover); `run` holds the queue and is meant to run only while leading.
 */
export class Controller<T extends KubernetesObject> {
  private readonly opts: ControllerOptions<T>;
  private readonly reconcile: Reconciler;
  private readonly log: Logger;
  private readonly sources: Array<{ whenSynced(): Promise<void> }> = [];
  private queue?: WorkQueue;

  constructor(opts: ControllerOptions<T>) {
    this.opts = opts;
    this.log = (opts.log ?? createLogger()).child({ controller: opts.name });
    this.reconcile = opts.metrics ? opts.metrics.instrument(opts.name, opts.reconcile) : opts.reconcile;
    opts.metrics?.trackQueue(opts.name, {
      depth: () => this.queue?.depth ?? 0,
      limit: () => this.queue?.limit ?? 0,
    });
    this.sources.push(opts.informer);
    enqueueOnChange(opts.informer, { add: (key, lane) => this.queue?.add(key, lane) }, undefined, {
      ...(opts.routineUpdate ? { routine: opts.routineUpdate } : {}),
    });
  }

  /**
   * Also reconcile when objects of another resource change, e.g. a Template maps to the Sessions using it:
   * `ctl.watches(templates, (t) => sessions.store.byIndex("template", objectKey(t)).map(objectKey))`.
   */
  watches<U extends KubernetesObject>(informer: Informer<U>, toKeys: (obj: U) => Iterable<string>): this {
    this.sources.push(informer);
    // Only real changes: the primary informer's own resync already reconciles every object, which
    // reads these secondary objects from their caches; mapping their resyncs too multiplied the work.
    enqueueOnChange(informer, { add: (key) => this.queue?.add(key) }, toKeys, { resyncs: false });
    return this;
  }

  /**
   * Also waits for this informer's first list before reconciling, for a cache the reconcile reads whose
   * changes map to no key (a user's home volume is shared by their sessions and owned by none). Without
   * it, a first reconcile could find the cache still empty and apply what already exists.
   */
  reads(informer: { whenSynced(): Promise<void> }): this {
    this.sources.push(informer);
    return this;
  }

  /**
   * Reconciles until `signal` aborts: waits for every informer's first list, enqueues every cached object
   * of the primary resource (events seen before leading were not queued), then follows events. Resolves
   * once the reconciles in flight at abort have finished.
   */
  async run(signal: AbortSignal): Promise<void> {
    const aborted = new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener("abort", () => resolve(), { once: true });
    });
    await Promise.race([Promise.all(this.sources.map((i) => i.whenSynced())), aborted]);
    if (signal.aborted) return;
    const metrics = this.opts.metrics;
    const queue = new WorkQueue(this.reconcile, {
      concurrency: this.opts.concurrency,
      backoff: this.opts.backoff,
      log: this.log,
      ...(metrics
        ? { observeWait: (seconds: number) => metrics.observeQueueWait(this.opts.name, seconds) }
        : {}),
      ...(this.opts.deadlineMs ? { deadlineMs: this.opts.deadlineMs } : {}),
    });
    this.queue = queue;
    for (const key of this.opts.informer.store.keys()) queue.add(key, "routine");
    this.log.info("controller started", { keys: this.opts.informer.store.size });
    await aborted;
    this.queue = undefined;
    await queue.shutdown();
    this.log.info("controller stopped");
  }
}
