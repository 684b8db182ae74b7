import { setImmediate as nextTurn } from "node:timers/promises";
import { createLogger, type Logger } from "../telemetry/log.js";
import { type BackoffOptions, backoffDelay } from "./backoff.js";
import type { AdaptiveConcurrency } from "./concurrency.js";
import { linkedSignal } from "./linked-signal.js";

/** Which lane a key waits in: "routine" keys (periodic re-checks) are served after every "change". */
export type Lane = "change" | "routine";

/** What a reconcile asks of the queue once it succeeded. */
export interface ReconcileResult {
  /** Reconcile this key again after this long (polling something with no watch event, a timeout). */
  requeueAfterMs?: number;
}

/**
 * Reconciles one key; throwing means "retry with backoff". `signal` aborts at the reconcile's deadline
 * or when the queue shuts down (leadership lost): every request the reconcile makes takes it.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: lets a reconciler with nothing to ask be a plain `async (key) => {…}`.
export type Reconciler = (key: string, signal: AbortSignal) => Promise<ReconcileResult | void>;

export interface WorkQueueOptions {
  /**
   * Reconciles running at once, each for a different key; default 1. An AdaptiveConcurrency is
   * adjusted every `adjustEveryMs` (default 1 s) from whether changes waited for a worker.
   */
  concurrency?: number | AdaptiveConcurrency;
  adjustEveryMs?: number;
  /** Retry delays after consecutive failures of one key; default 500 ms doubling up to 5 min. */
  backoff?: BackoffOptions;
  random?: () => number;
  log?: Logger;
  /** How long one reconcile may take before its signal aborts; default 2 min. */
  deadlineMs?: number;
  /** Told how long each key waited between being added and a worker taking it. */
  observeWait?: (seconds: number) => void;
}

export const DEFAULT_RECONCILE_DEADLINE_MS = 2 * 60_000;

export const DEFAULT_QUEUE_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 5 * 60_000 };

/**
 * A controller work queue in the client-go sense: keys (usually "namespace/name") rather than events, so a
 * burst of changes to one object costs one reconcile, and a key is never reconciled by two workers at once.
 */
export class WorkQueue {
  private readonly reconcile: Reconciler;
  private readonly limiter: { readonly limit: number };
  private readonly adjuster: NodeJS.Timeout | undefined;
  /** A change waited for a worker since the last adjustment. */
  private starved = false;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly log: Logger;
  private readonly deadlineMs: number;
  private readonly observeWait: ((seconds: number) => void) | undefined;
  /** Aborts every reconcile in flight when the queue shuts down. */
  private readonly stopped = new AbortController();

  // Insertion-ordered, so keys are served first come first served; the value is when the key was added.
  // Two lanes: a change (a new Session, a pod now Ready) is served before a routine re-check (a resync,
  // the echo of our own status write), which finds nothing to do nearly always and comes in thousands.
  private readonly waiting = new Map<string, number>();
  private readonly routine = new Map<string, number>();
  private readonly active = new Set<string>();
  // Keys added while being reconciled: the running reconcile may have read the old state.
  private readonly dirty = new Map<string, Lane>();
  private readonly delayed = new Map<string, { due: number; timer: NodeJS.Timeout }>();
  private readonly failures = new Map<string, number>();
  private stopping = false;
  private idleWaiters: Array<() => void> = [];

  constructor(reconcile: Reconciler, opts: WorkQueueOptions = {}) {
    this.reconcile = reconcile;
    const concurrency = opts.concurrency ?? 1;
    this.limiter = typeof concurrency === "number" ? { limit: Math.max(1, concurrency) } : concurrency;
    if (typeof concurrency !== "number") {
      this.adjuster = setInterval(() => {
        concurrency.adjust(this.starved);
        this.starved = false;
        this.pump();
      }, opts.adjustEveryMs ?? 1000);
      this.adjuster.unref();
    }
    this.backoff = opts.backoff ?? DEFAULT_QUEUE_BACKOFF;
    this.random = opts.random ?? Math.random;
    this.log = opts.log ?? createLogger();
    this.deadlineMs = opts.deadlineMs ?? DEFAULT_RECONCILE_DEADLINE_MS;
    this.observeWait = opts.observeWait;
  }

  /** Keys waiting for a worker (not counting those in flight or scheduled for later). */
  get depth(): number {
    return this.waiting.size + this.routine.size;
  }

  get inFlight(): number {
    return this.active.size;
  }

  /** Reconciles allowed at once now. */
  get limit(): number {
    return this.limiter.limit;
  }

  /** Consecutive failures of `key` since its last success. */
  failureCount(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /**
   * Queues `key`. A `routine` key (a periodic re-check) waits behind every other; a key added again
   * keeps its first time, and moves up to the other lane when it is added there.
   */
  add(key: string, lane: Lane = "change"): void {
    if (this.stopping) return;
    if (this.active.has(key)) {
      if (this.dirty.get(key) !== "change") this.dirty.set(key, lane);
      return;
    }
    if (!this.waiting.has(key)) {
      const queuedAt = this.routine.get(key);
      if (lane === "routine" && queuedAt !== undefined) return;
      this.routine.delete(key);
      (lane === "routine" ? this.routine : this.waiting).set(key, queuedAt ?? performance.now());
    }
    this.pump();
  }

  /** Adds `key` after `ms`; of several pending requests for one key the earliest wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopping) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const due = Date.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.due <= due) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.delayed.set(key, { due, timer });
  }

  private cancelDelayed(key: string): void {
    const pending = this.delayed.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.delayed.delete(key);
  }

  /**
   * Stops taking work, aborts the reconciles in flight and resolves once they have finished. Waiting and
   * delayed keys are dropped, not run: whichever replica leads next rebuilds them from its informer
   * cache, and running them here would only lengthen termination and overlap with that new leader.
   */
  shutdown(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    clearInterval(this.adjuster);
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    this.waiting.clear();
    this.routine.clear();
    this.dirty.clear();
    if (this.active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const limit = this.limit;
    for (const lane of [this.waiting, this.routine]) {
      for (const [key, since] of lane) {
        if (this.active.size >= limit) {
          if (this.waiting.size > 0) this.starved = true;
          return;
        }
        lane.delete(key);
        this.observeWait?.((performance.now() - since) / 1000);
        this.active.add(key);
        void this.run(key);
      }
    }
  }

  private async run(key: string): Promise<void> {
    try {
      // A reconcile with nothing to write never waits on I/O; without this turn a resync's thousands of
      // them would run back to back as microtasks, and /healthz, watches and timers would wait for all.
      await nextTurn();
      const link = linkedSignal([this.stopped.signal], this.deadlineMs);
      const result = await this.reconcile(key, link.signal).finally(link.dispose);
      this.failures.delete(key);
      if (result?.requeueAfterMs !== undefined) {
        // This reconcile read the newest state, so its deadline replaces the key's pending one. Keeping the
        // earliest, a timer set long ago would fire between resyncs that re-checked the key since: with
        // 5,000 Sessions, a reconcile every 120 ms while nothing changed (BENCHMARKS.md).
        this.cancelDelayed(key);
        this.addAfter(key, result.requeueAfterMs);
      }
    } catch (err) {
      const attempt = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, attempt);
      const retryInMs = backoffDelay(attempt, this.backoff, this.random);
      this.log.warn("reconcile failed", { key, attempt, retryInMs, err });
      this.addAfter(key, retryInMs);
    } finally {
      this.active.delete(key);
      const again = this.dirty.get(key);
      if (again) {
        this.dirty.delete(key);
        this.add(key, again);
      }
      this.pump();
      if (this.stopping && this.active.size === 0) {
        for (const resolve of this.idleWaiters) resolve();
        this.idleWaiters = [];
      }
    }
  }
}
