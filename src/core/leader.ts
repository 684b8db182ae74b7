import { setTimeout as sleep } from "node:timers/promises";
import { createLogger, type Logger } from "../telemetry/log.js";
import { KubeApiError, kubeRequest } from "./kube-http.js";
import type { KubeConfig } from "./kubeconfig.js";
import { linkedSignal } from "./linked-signal.js";
import { microTime } from "./micro-time.js";

export interface LeaderElectionOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  /** Lease name, shared by all replicas of one controller. */
  name: string;
  /** Unique per replica; the pod name is the usual choice. */
  identity: string;
  /** How long followers wait after the last observed renewal before taking over; default 15. */
  leaseDurationSeconds?: number;
  /**
   * A leader that could not renew for this long stops leading; must be shorter than the lease so it stops
   * before a follower may take over. Default 10 s, or 2/3 of a shorter lease.
   */
  renewDeadlineMs?: number;
  /**
   * Pause between attempts, for the leader's renewals and the followers' acquisitions; default 2 s, or
   * half a shorter renew deadline.
   */
  retryPeriodMs?: number;
  /**
   * Called on becoming leader. `signal` aborts when leadership ends; the returned promise should settle
   * once the work has stopped, because the Lease is released only then, so two leaders never overlap.
   */
  onStartedLeading: (signal: AbortSignal) => void | Promise<void>;
  /** Called after leadership ended (lost or given up) and the onStartedLeading work has settled. */
  onStoppedLeading?: () => void;
  log?: Logger;
  random?: () => number;
}

function isApiError(err: unknown, code: number): boolean {
  return err instanceof KubeApiError && err.statusCode === code;
}

/** A coordination.k8s.io/v1 Lease as the JSON carries it. */
interface Lease {
  metadata?: { resourceVersion?: string; [field: string]: unknown };
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** The Lease over plain requests: `get`, `create`, and `replace` (which fails with 409 if anyone wrote since the read). */
class LeaseClient {
  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly name: string,
  ) {}

  private path(named: boolean): string {
    const base = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.namespace)}/leases`;
    return named ? `${base}/${encodeURIComponent(this.name)}` : base;
  }

  get(signal: AbortSignal): Promise<Lease> {
    return kubeRequest<Lease>(this.kc, this.path(true), { signal });
  }

  create(spec: Lease["spec"], signal: AbortSignal): Promise<Lease> {
    const body = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: this.name, namespace: this.namespace },
      spec,
    };
    return kubeRequest<Lease>(this.kc, this.path(false), { method: "POST", body, signal });
  }

  replace(lease: Lease, signal: AbortSignal): Promise<Lease> {
    return kubeRequest<Lease>(this.kc, this.path(true), { method: "PUT", body: lease, signal });
  }
}

/**
 * Leader election on a coordination.k8s.io/v1 Lease, with client-go's semantics: a Lease is free when it
 * has no holder or when its holder has not renewed it for leaseDurationSeconds, measured on this replica's
 * own clock from when it last saw the Lease change (so clock skew between nodes does not matter); all
 * writes carry the resourceVersion read, so two candidates cannot both win.
 */
export class LeaderElector {
  private readonly api: LeaseClient;
  private readonly opts: LeaderElectionOptions;
  private readonly log: Logger;
  private readonly leaseMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryMs: number;
  private readonly random: () => number;

  // What this replica last saw of the Lease, and when (local clock).
  private observedVersion = "";
  private observedAt = 0;
  private observedHolder = "";
  private observedDurationMs = 0;
  private lastContact = 0;

  private leading = false;
  private lastRenew = 0;
  private term?: { stop: AbortController; work: Promise<void> };
  private stopper?: AbortController;
  private loop?: Promise<void>;

  constructor(opts: LeaderElectionOptions) {
    this.opts = opts;
    this.api = new LeaseClient(opts.kubeConfig, opts.namespace, opts.name);
    this.leaseMs = (opts.leaseDurationSeconds ?? 15) * 1000;
    this.renewDeadlineMs = opts.renewDeadlineMs ?? Math.min(10_000, Math.floor((this.leaseMs * 2) / 3));
    this.retryMs = opts.retryPeriodMs ?? Math.min(2_000, Math.floor(this.renewDeadlineMs / 2));
    if (this.renewDeadlineMs >= this.leaseMs)
      throw new Error("renewDeadlineMs must be shorter than the lease duration");
    this.random = opts.random ?? Math.random;
    this.log = (opts.log ?? createLogger()).child({
      lease: `${opts.namespace}/${opts.name}`,
      identity: opts.identity,
    });
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Identity of the holder as last observed ("" when free or unknown). */
  get holder(): string {
    return this.observedHolder;
  }

  /**
   * For readiness: the Lease was read or written successfully within one lease duration, i.e. this replica
   * is either leading or a follower able to take over.
   */
  get healthy(): boolean {
    return Date.now() - this.lastContact < this.leaseMs;
  }

  start(): void {
    if (this.loop) return;
    this.stopper = new AbortController();
    this.loop = this.run(this.stopper.signal);
  }

  /**
   * Stops campaigning. When leading, ends the term (abort, await the work) and then releases the Lease so
   * a follower takes over on its next attempt instead of waiting for expiry.
   */
  async stop(): Promise<void> {
    this.stopper?.abort();
    await this.loop;
    this.loop = undefined;
    if (this.leading) {
      await this.endTerm("stopping");
      await this.release();
    }
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const attempt = linkedSignal([signal], this.attemptMs());
      const ok = await this.tryAcquireOrRenew(attempt.signal).finally(attempt.dispose);
      const now = Date.now();
      if (ok) {
        this.lastRenew = now;
        if (!this.leading) this.beginTerm();
      } else if (this.leading && this.observedHolder !== this.opts.identity) {
        await this.endTerm(`lease taken by ${this.observedHolder || "nobody"}`);
      } else if (this.leading && now - this.lastRenew >= this.renewDeadlineMs) {
        await this.endTerm("renew deadline exceeded");
      }
      // Followers spread their attempts; the leader renews on the beat.
      const wait = this.leading ? this.retryMs : this.retryMs * (1 + 0.2 * this.random());
      await sleep(wait, undefined, { signal }).catch(() => {});
    }
  }

  /**
   * How long one attempt may wait for the API server, as client-go bounds it: a leader's renewal must
   * succeed before its renew deadline runs out, so a hung request cannot keep it leading past that.
   */
  private attemptMs(): number {
    const left = this.leading ? this.lastRenew + this.renewDeadlineMs - Date.now() : this.renewDeadlineMs;
    return Math.max(1, left);
  }

  private beginTerm(): void {
    this.leading = true;
    this.log.info("started leading");
    const stop = new AbortController();
    const work = Promise.resolve()
      .then(() => this.opts.onStartedLeading(stop.signal))
      .catch((err) => this.log.error("leader work failed", { err }));
    this.term = { stop, work };
  }

  private async endTerm(why: string): Promise<void> {
    const term = this.term;
    this.term = undefined;
    this.leading = false;
    this.log.info("stopped leading", { why });
    if (term) {
      term.stop.abort();
      await term.work;
    }
    this.opts.onStoppedLeading?.();
  }

  private observe(lease: Lease): void {
    const version = lease.metadata?.resourceVersion ?? "";
    this.lastContact = Date.now();
    if (version === this.observedVersion) return;
    this.observedVersion = version;
    this.observedAt = Date.now();
    this.observedHolder = lease.spec?.holderIdentity ?? "";
    this.observedDurationMs = (lease.spec?.leaseDurationSeconds ?? this.leaseMs / 1000) * 1000;
  }

  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { identity } = this.opts;
    const now = microTime(Date.now());
    const leaseDurationSeconds = this.leaseMs / 1000;
    let lease: Lease;
    try {
      lease = await this.api.get(signal);
    } catch (err) {
      if (!isApiError(err, 404)) {
        this.log.warn("reading lease failed", { err });
        return false;
      }
      try {
        const created = await this.api.create(
          {
            holderIdentity: identity,
            leaseDurationSeconds,
            acquireTime: now,
            renewTime: now,
            leaseTransitions: 0,
          },
          signal,
        );
        this.observe(created);
        return true;
      } catch (createErr) {
        // 409: another candidate created it first; it leads.
        if (!isApiError(createErr, 409)) this.log.warn("creating lease failed", { err: createErr });
        return false;
      }
    }
    this.observe(lease);
    const holder = lease.spec?.holderIdentity ?? "";
    const heldByOther = holder !== "" && holder !== identity;
    if (heldByOther && Date.now() < this.observedAt + this.observedDurationMs) return false;

    const mine = holder === identity;
    const transitions = lease.spec?.leaseTransitions ?? 0;
    lease.spec = {
      ...lease.spec,
      holderIdentity: identity,
      leaseDurationSeconds,
      renewTime: now,
      acquireTime: mine && lease.spec?.acquireTime ? lease.spec.acquireTime : now,
      leaseTransitions: mine ? transitions : transitions + 1,
    };
    try {
      // The body keeps metadata.resourceVersion as read: if anyone wrote in between, this is a 409.
      this.observe(await this.api.replace(lease, signal));
      return true;
    } catch (err) {
      if (!isApiError(err, 409)) this.log.warn("updating lease failed", { err });
      return false;
    }
  }

  private async release(): Promise<void> {
    const { identity } = this.opts;
    const signal = AbortSignal.timeout(this.renewDeadlineMs);
    try {
      const lease = await this.api.get(signal);
      if (lease.spec?.holderIdentity !== identity) return;
      const now = microTime(Date.now());
      // An empty holder marks the Lease free at once; a 1 s duration covers readers that only check expiry.
      lease.spec = {
        ...lease.spec,
        holderIdentity: "",
        leaseDurationSeconds: 1,
        renewTime: now,
        acquireTime: now,
      };
      await this.api.replace(lease, signal);
      this.log.info("released lease");
    } catch (err) {
      this.log.warn("releasing lease failed; followers take over when it expires", { err });
    }
  }
}
