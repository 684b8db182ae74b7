import { setTimeout as sleep } from "node:timers/promises";
import type { KubernetesObject } from "@kubernetes/client-node";
import { createLogger, type Logger } from "../telemetry/log.js";
import { type BackoffOptions, backoffDelay } from "./backoff.js";
import { collectionPath, KubeApiError, watchLines } from "./kube-http.js";
import type { KubeConfig } from "./kubeconfig.js";
import { listPages } from "./list-pages.js";
import type { Lane } from "./queue.js";
import { type IndexFunc, objectKey, Store } from "./store.js";

/** Which collection to watch. `group` is "" for the core API (ConfigMaps, Secrets, Pods…). */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
}

/**
 * Why a watch was re-established: the server ended it (`closed`, normal every 5–10 min), its
 * resourceVersion fell out of the server's history (`expired`, answered by a relist), nothing arrived
 * within the stall timeout (`stalled`), a line of it was not JSON (`unparsable`: the event it carried
 * comes again from the last resourceVersion), or a request failed (`error`).
 */
export type RestartReason = "closed" | "expired" | "stalled" | "unparsable" | "error";

/**
 * Consecutive failed watches after which the next attempt lists again instead: a resourceVersion the
 * server will not serve (ahead of it after an etcd restore: "too large resource version") fails every
 * watch that resumes from it, and only a fresh list gives one it will.
 */
const RELIST_AFTER_FAILURES = 2;

export interface InformerHandlers<T> {
  add: (obj: T) => void;
  /** Also called by the periodic resync, with `old === obj`. */
  update: (obj: T, old: T) => void;
  delete: (obj: T) => void;
  restart: (reason: RestartReason, err?: unknown) => void;
}

export interface InformerOptions<T> {
  kubeConfig: KubeConfig;
  resource: ResourceRef;
  /** Watch one namespace; omitted: all namespaces, or a cluster-scoped resource. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  indexers?: Record<string, IndexFunc<T>>;
  /**
   * Trims each object before it is cached, e.g. to drop fields no reader uses. managedFields are always
   * dropped first: they are often the largest part of an object and only the API server reads them.
   */
  transform?: (obj: T) => T;
  /** Re-emit every cached object as an update this often, so drift is corrected without events; 0 disables. Default 10 min. */
  resyncMs?: number;
  /**
   * Restart a watch that delivered nothing, bookmarks included, for this long. The apiserver sends a
   * bookmark about every minute, so silence beyond that means a dead connection. Default 150 s.
   */
  stallTimeoutMs?: number;
  /** Server-side watch duration; default random in [5, 10) min so replicas do not reconnect together. */
  watchTimeoutSeconds?: number;
  /**
   * The cache counts as stale (not `healthy`) when neither a list nor a watch line has come for this
   * long. Default: the stall timeout plus one minute.
   */
  staleAfterMs?: number;
  /** Objects per list page; default 500. */
  pageSize?: number;
  /** Delays between failed attempts; default 1 s doubling up to 30 s. */
  backoff?: BackoffOptions;
  log?: Logger;
  random?: () => number;
}

interface WatchEvent<T> {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: T & { code?: number; message?: string; reason?: string };
}

/** Deadline of each page of a list. */
const LIST_TIMEOUT_MS = 60_000;
const DEFAULT_STALL_TIMEOUT_MS = 150_000;

/**
 * List-then-watch of one collection into an indexed in-memory cache, with the recovery client-go's
 * reflector has and client-node's informer lacks: relist on 410 Gone, reconnect with backoff after any
 * other failure or a silent stall, and a periodic resync.
 */
export class Informer<T extends KubernetesObject> {
  readonly store: Store<T>;
  /** e.g. "sessions.stream.streamspace.io" or "configmaps"; used in logs and metric labels. */
  readonly description: string;

  private readonly kc: KubeConfig;
  private readonly path: string;
  private readonly opts: InformerOptions<T>;
  private readonly log: Logger;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly listeners: { [E in keyof InformerHandlers<T>]: InformerHandlers<T>[E][] } = {
    add: [],
    update: [],
    delete: [],
    restart: [],
  };

  private resourceVersion = "";
  private failures = 0;
  private restartCount = 0;
  private hasSynced = false;
  /** When a list or a watch line last came: the cache followed the server up to then. */
  private lastContactAt = 0;
  private readonly syncedPromise: Promise<void>;
  private resolveSynced: () => void = () => {};
  private stopper?: AbortController;
  private loop?: Promise<void>;
  private resyncTimer?: NodeJS.Timeout;

  constructor(opts: InformerOptions<T>) {
    this.opts = opts;
    this.kc = opts.kubeConfig;
    this.path = collectionPath(opts.resource, opts.namespace);
    this.store = new Store<T>(opts.indexers);
    this.description = opts.resource.group
      ? `${opts.resource.plural}.${opts.resource.group}`
      : opts.resource.plural;
    this.random = opts.random ?? Math.random;
    this.backoff = opts.backoff ?? { baseMs: 1000, maxMs: 30_000 };
    this.log = (opts.log ?? createLogger()).child({ informer: this.description, namespace: opts.namespace });
    this.syncedPromise = new Promise((resolve) => {
      this.resolveSynced = resolve;
    });
  }

  /** True once the first list has been stored; stays true across relists. */
  get synced(): boolean {
    return this.hasSynced;
  }

  /**
   * For readiness: synced, and in contact with the server recently enough that the cache is not
   * silently old (a watch failing over and over while the first list stays in memory).
   */
  get healthy(): boolean {
    const stallMs = this.opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    const staleMs = this.opts.staleAfterMs ?? stallMs + 60_000;
    return this.hasSynced && Date.now() - this.lastContactAt < staleMs;
  }

  /** Resolves once the first list has been stored. */
  whenSynced(): Promise<void> {
    return this.syncedPromise;
  }

  /** Watches re-established since start, whatever the reason. */
  get restarts(): number {
    return this.restartCount;
  }

  /** The resourceVersion the next watch starts from ("" means a relist comes first). */
  get lastResourceVersion(): string {
    return this.resourceVersion;
  }

  on<E extends keyof InformerHandlers<T>>(event: E, fn: InformerHandlers<T>[E]): void {
    this.listeners[event].push(fn);
  }

  start(): void {
    if (this.loop) return;
    this.stopper = new AbortController();
    this.loop = this.run(this.stopper.signal);
    const resyncMs = this.opts.resyncMs ?? 10 * 60_000;
    if (resyncMs > 0) {
      this.resyncTimer = setInterval(() => this.resync(), resyncMs);
      this.resyncTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.resyncTimer);
    this.stopper?.abort();
    await this.loop;
    this.loop = undefined;
  }

  private emit<E extends keyof InformerHandlers<T>>(
    event: E,
    ...args: Parameters<InformerHandlers<T>[E]>
  ): void {
    for (const fn of this.listeners[event]) {
      try {
        (fn as (...a: typeof args) => void)(...args);
      } catch (err) {
        // A faulty handler must not stop the cache from following the cluster.
        this.log.error("informer handler threw", { event, err });
      }
    }
  }

  private resync(): void {
    if (!this.hasSynced) return;
    for (const obj of this.store.list()) this.emit("update", obj, obj);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let reason: RestartReason;
      let error: unknown;
      try {
        if (!this.resourceVersion) await this.relist(signal);
        reason = await this.watch(signal);
      } catch (err) {
        if (signal.aborted) break;
        if (err instanceof KubeApiError && err.statusCode === 410) {
          reason = "expired";
        } else {
          reason = "error";
          error = err;
        }
      }
      if (signal.aborted) break;
      this.failures++;
      if (reason === "expired" || (reason !== "closed" && this.failures >= RELIST_AFTER_FAILURES)) {
        this.resourceVersion = "";
      }
      this.restartCount++;
      this.emit("restart", reason, error);
      // One clean end of a healthy watch is routine and reconnects at once; anything else, or the same
      // thing again without an event in between, waits so a sick apiserver is not hammered.
      const routine = (reason === "closed" || reason === "expired") && this.failures === 1;
      const delayMs = routine ? 0 : backoffDelay(this.failures, this.backoff, this.random);
      const level =
        reason === "error" || reason === "stalled" ? "warn" : reason === "expired" ? "info" : "debug";
      this.log[level]("watch restarting", {
        reason,
        delayMs,
        resourceVersion: this.resourceVersion,
        err: error,
      });
      if (delayMs > 0) await sleep(delayMs, undefined, { signal }).catch(() => {});
    }
  }

  private selectors() {
    return { labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector };
  }

  private async relist(signal: AbortSignal): Promise<void> {
    const items: T[] = [];
    const resourceVersion = await listPages<T>(
      this.kc,
      this.path,
      { query: this.selectors(), pageSize: this.opts.pageSize, timeoutMs: LIST_TIMEOUT_MS, signal },
      (page) => {
        // Items of a built-in kind's list carry no apiVersion/kind, watch events do; make the cache uniform.
        const kind = page.kind?.replace(/List$/, "");
        for (const item of page.items ?? []) {
          items.push(
            this.trim({ ...item, apiVersion: item.apiVersion ?? page.apiVersion, kind: item.kind ?? kind }),
          );
        }
      },
    );

    const added: T[] = [];
    const updated: Array<[T, T]> = [];
    const deleted: T[] = [];
    const listed = new Set<string>();
    for (const item of items) {
      listed.add(objectKey(item));
      const old = this.store.upsert(item);
      if (!old) added.push(item);
      else if (old.metadata?.resourceVersion !== item.metadata?.resourceVersion) updated.push([item, old]);
    }
    for (const key of this.store.keys()) {
      if (listed.has(key)) continue;
      const gone = this.store.delete(key);
      if (gone) deleted.push(gone);
    }
    this.resourceVersion = resourceVersion;
    this.lastContactAt = Date.now();
    this.log.debug("listed", { count: items.length, resourceVersion });
    // Handlers run after the whole list is stored, so a handler reading the cache sees one consistent view.
    if (!this.hasSynced) {
      this.hasSynced = true;
      this.resolveSynced();
    }
    for (const obj of added) this.emit("add", obj);
    for (const [obj, old] of updated) this.emit("update", obj, old);
    for (const obj of deleted) this.emit("delete", obj);
  }

  /** Returns how a watch ended normally; throws when it failed. */
  private async watch(signal: AbortSignal): Promise<RestartReason> {
    const conn = new AbortController();
    const stop = () => conn.abort();
    signal.addEventListener("abort", stop, { once: true });
    const stallMs = this.opts.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    let stalled = false;
    let expired = false;
    let unparsable = false;
    let serverError: KubeApiError | undefined;
    let watchdog: NodeJS.Timeout | undefined;
    const feedWatchdog = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        conn.abort();
      }, stallMs);
    };
    feedWatchdog();
    const timeoutSeconds = this.opts.watchTimeoutSeconds ?? Math.floor(300 * (1 + this.random()));
    try {
      await watchLines(
        this.kc,
        this.path,
        {
          ...this.selectors(),
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds,
        },
        conn.signal,
        (line) => {
          if (unparsable) return;
          feedWatchdog();
          let event: WatchEvent<T>;
          try {
            event = JSON.parse(line) as WatchEvent<T>;
          } catch {
            // Skipping it would lose the event it carried until the next relist; a new watch from the
            // last resourceVersion delivers it again.
            this.log.warn("unparsable watch line", { line: line.slice(0, 200) });
            unparsable = true;
            conn.abort();
            return;
          }
          this.lastContactAt = Date.now();
          if (event.type === "ERROR") {
            const { code = 0, message = "watch error", reason } = event.object;
            if (code === 410) expired = true;
            else serverError = new KubeApiError(code, message, reason);
            conn.abort();
            return;
          }
          this.failures = 0;
          this.apply(event);
        },
      );
    } catch (err) {
      if (!(stalled || expired || unparsable || serverError || signal.aborted)) throw err;
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener("abort", stop);
    }
    if (serverError) throw serverError;
    if (expired) return "expired";
    if (stalled) return "stalled";
    if (unparsable) return "unparsable";
    return "closed";
  }

  /** Objects come from JSON.parse and nobody else holds them yet, so trimming in place is safe. */
  private trim(obj: T): T {
    if (obj.metadata?.managedFields) delete obj.metadata.managedFields;
    return this.opts.transform ? this.opts.transform(obj) : obj;
  }

  private apply(event: WatchEvent<T>): void {
    const obj = event.type === "BOOKMARK" ? event.object : this.trim(event.object);
    const rv = obj.metadata?.resourceVersion;
    switch (event.type) {
      case "ADDED":
      case "MODIFIED": {
        const old = this.store.upsert(obj);
        if (old) this.emit("update", obj, old);
        else this.emit("add", obj);
        break;
      }
      case "DELETED":
        this.store.delete(objectKey(obj));
        this.emit("delete", obj);
        break;
      case "BOOKMARK":
        break;
    }
    if (rv) this.resourceVersion = rv;
  }
}

/** Feeds a queue from an informer: every add, update (resyncs too, unless `resyncs: false`) and delete enqueues `toKeys(obj)`. */
export function enqueueOnChange<T extends KubernetesObject>(
  informer: Informer<T>,
  queue: { add(key: string, lane?: Lane): void },
  toKeys: (obj: T) => Iterable<string> = (obj) => [objectKey(obj)],
  opts: { resyncs?: boolean; routine?: (obj: T, old: T) => boolean } = {},
): void {
  const enqueue = (obj: T, lane: Lane = "change") => {
    for (const key of toKeys(obj)) queue.add(key, lane);
  };
  informer.on("add", (obj) => enqueue(obj));
  // A resync re-emits every object unchanged (`obj === old`); `resyncs: false` ignores those, else they
  // wait in the routine lane, as do the updates `routine` says need no prompt look.
  informer.on("update", (obj, old) => {
    if (obj === old) {
      if (opts.resyncs !== false) enqueue(obj, "routine");
    } else enqueue(obj, opts.routine?.(obj, old) ? "routine" : "change");
  });
  informer.on("delete", (obj) => enqueue(obj));
}
