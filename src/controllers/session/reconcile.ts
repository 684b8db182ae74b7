import type { V1Deployment } from "@kubernetes/client-node";
import { type KubeObject as BundleObject, sessionBundleObjects } from "../../../constructs/session/bundle.js";
import { sessionUrl } from "../../../constructs/session/ingress.js";
import { sessionSelector } from "../../../constructs/session/labels.js";
import { resolveResources } from "../../../constructs/session/resources.js";
import { appEndpoint } from "../../api/app-endpoint.js";
import { parseDuration, timeOf } from "../../api/durations.js";
import type { Session, SessionStatus, Template } from "../../api/generated/types.js";
import { labelValue, sessionObjectName } from "../../api/names.js";
import type { Cached } from "../../api/objects.js";
import { limitAmount, parseQuantity } from "../../api/quantity.js";
import { GROUP_VERSION } from "../../api/schemas/index.js";
import { checkTemplate } from "../../api/validation/template.js";
import { templatePolicy } from "../../api/validation/template-policy.js";
import { type KubeObject, patchStatus } from "../../apply/apply.js";
import { nextInventory, type ObjectRef, refOf, staleRefs } from "../../apply/inventory.js";
import { ApplyRefusedError, OwnerConflictError, ResourceManager } from "../../apply/manager.js";
import { statusPatch } from "../../apply/status-patch.js";
import type { ResolvedPlatformConfig } from "../../config/platform-config.js";
import type { EventRecorder } from "../../core/events.js";
import type { KubeConfig } from "../../core/kubeconfig.js";
import { OwnWrites } from "../../core/own-writes.js";
import type { ReconcileResult } from "../../core/queue.js";
import { splitKey } from "../../core/store.js";
import type { Logger } from "../../telemetry/log.js";
import type { ReconcilerMetrics } from "../../telemetry/metrics.js";
import { sessionEvents } from "./events.js";
import { firstStatusHold } from "./first-status.js";
import { type Observation, observe } from "./health.js";
import type { SessionInformers } from "./informers.js";
import { decideLifecycle, type EffectiveState, type LifecycleDecision } from "./lifecycle.js";
import { admit, type Claim, holdsSlot, limitsFor, ownerGroups } from "./quota.js";
import { type Blocker, nextStatus } from "./status.js";

export interface SessionReconcilerDeps {
  readonly kubeConfig: KubeConfig;
  readonly informers: SessionInformers;
  readonly config: ResolvedPlatformConfig;
  readonly log: Logger;
  readonly metrics?: ReconcilerMetrics;
  /** Where status changes are also told as Events; none without. */
  readonly events?: EventRecorder;
  readonly now?: () => number;
}

const CONTROLLER = "session";
/** Even with nothing to wait for, look again now and then: a pod event may have been missed. */
const MAX_REQUEUE_MS = 10 * 60_000;
const BLOCKED_REQUEUE_MS = 60_000;
/** The kinds a Session's bundle owns (its home volume outlives it and is never pruned). */
const OWNED_KINDS = [
  { apiVersion: "apps/v1", kind: "Deployment" },
  { apiVersion: "v1", kind: "Service" },
  { apiVersion: "networking.k8s.io/v1", kind: "Ingress" },
] as const;

/**
 * Reconciles one Session in named steps: resolve template → check quota → build desired objects →
 * apply → prune → observe health → write status. Every step reads the informers' caches; the only
 * requests are writes that change something (and a dry-run when a cached object cannot tell).
 */
export class SessionReconciler {
  private readonly now: () => number;
  // Informers replace a cached object on every change, so an object's identity stands for its version:
  // results derived from one stay valid as long as it is cached, and resyncs reuse them.
  private readonly checkedTemplates = new WeakMap<Template, ReturnType<typeof checkTemplate>>();
  private readonly written = new OwnWrites<Cached<Session>>();
  private readonly inSync = new WeakMap<Session, InSync>();
  private readonly manager: ResourceManager;

  constructor(private readonly deps: SessionReconcilerDeps) {
    this.now = deps.now ?? Date.now;
    this.manager = new ResourceManager({
      kubeConfig: deps.kubeConfig,
      cached: (ref) =>
        this.informerOf(ref.kind)?.store.get(`${ref.namespace}/${ref.name}`) as KubeObject | undefined,
      // A Service made before Services were headless keeps its clusterIP, which cannot change in place.
      replaceImmutable: ["Service"],
      controller: CONTROLLER,
      log: deps.log,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
    });
    for (const { kind } of OWNED_KINDS) {
      const informer = this.informerOf(kind);
      if (informer) this.manager.forgetDeleted(kind, informer);
    }
  }

  readonly reconcile = async (key: string, signal?: AbortSignal): Promise<ReconcileResult | undefined> => {
    const cached = this.deps.informers.sessions.store.get(key);
    if (!cached) {
      this.written.forget(key);
      const { namespace = "", name } = splitKey(key);
      for (const ref of this.ownedRefs(namespace, name)) this.manager.forget(ref);
      return undefined; // Deleted: owner references let the garbage collector clean up.
    }
    const session = this.written.fresher(key, cached) ?? cached;
    const now = this.now();
    const template = this.resolveTemplate(session);
    const decision = decideLifecycle(session, this.deps.config.sessions, now);
    const blocker =
      "blocker" in template ? template.blocker : this.checkQuota(session, template.template, decision, now);
    if ("blocker" in template) {
      return this.writeStatus(session, nextStatus(this.statusBase(session, now, blocker)), now, signal);
    }
    const state: EffectiveState = blocker ? "hibernated" : decision.state;
    let owned: ObjectRef[];
    try {
      owned = await this.applyDesired(session, template.template, state, signal);
    } catch (error) {
      const refused = applyBlocker(error);
      if (!refused) throw error;
      await this.writeStatus(session, nextStatus(this.statusBase(session, now, refused)), now, signal);
      // Another owner's object may go away, with no event of ours to say so.
      return { requeueAfterMs: BLOCKED_REQUEUE_MS };
    }
    const inventory = await this.prune(session, owned, signal);
    const observation = observe(state, this.liveDeployment(session), this.pods(session));
    const startupTimeoutMs = parseDuration(
      session.spec.startupTimeout ?? this.deps.config.sessions.startupTimeout,
    );
    const problem = blocker ?? refusedPods(observation);
    const hold = firstStatusHold({
      previous: session.status,
      createdAt: timeOf(String(session.metadata?.creationTimestamp ?? "")),
      observation,
      blocked: problem !== undefined,
      now,
    });
    if (hold !== undefined) return { requeueAfterMs: hold };
    const status = nextStatus({
      ...this.statusBase(session, now, problem),
      inventory,
      decision,
      observation,
      url: sessionUrl(
        sessionObjectName(session.metadata?.name ?? ""),
        this.deps.config.ingress,
        appEndpoint(template.template.spec).path,
      ),
      startupTimeoutMs,
    });
    this.observeTransitions(session, status, now);
    await this.writeStatus(session, status, now, signal);
    return this.requeue(decision, status, startupTimeoutMs, now);
  };

  private resolveTemplate(session: Session): { template: Template } | { blocker: Blocker } {
    const ns = session.metadata?.namespace;
    const template = this.deps.informers.templates.store.get(`${ns}/${session.spec.template}`);
    if (!template) {
      return {
        blocker: {
          reason: "TemplateNotFound",
          message: `Template ${session.spec.template} does not exist in namespace ${ns}; create it or fix spec.template`,
        },
      };
    }
    let checked = this.checkedTemplates.get(template);
    if (!checked) {
      checked = checkTemplate(template, templatePolicy(this.deps.config));
      this.checkedTemplates.set(template, checked);
    }
    if ("problem" in checked) {
      return {
        blocker: {
          reason: "TemplateInvalid",
          message: `Template ${session.spec.template} is invalid: ${checked.problem}`,
        },
      };
    }
    return checked;
  }

  /** Quotas apply only to a session that wants to run; hibernated and terminated ones use nothing. */
  private checkQuota(
    session: Session,
    template: Template,
    decision: LifecycleDecision,
    now: number,
  ): Blocker | undefined {
    if (decision.state !== "running") return undefined;
    const ns = session.metadata?.namespace ?? "";
    const { sessions, templates, quotas } = this.deps.informers;
    const home = this.deps.config.sessions.home;
    const homeBytes = parseQuantity(home.size);
    const claims = sessions.store.byIndex("user", `${ns}/${session.spec.user}`).map((s): Claim => {
      const t = s === session ? template : templates.store.get(`${ns}/${s.spec.template}`);
      const limits = resolveResources(
        s.spec.resources,
        t?.spec.defaultResources,
        this.deps.config.sessions,
      ).limits;
      return {
        name: s.metadata?.name ?? "",
        createdAt: s.metadata?.creationTimestamp ? String(s.metadata.creationTimestamp) : "",
        state: decideLifecycle(s, this.deps.config.sessions, now).state,
        holdsSlot: holdsSlot(s),
        cpu: limitAmount(limits.cpu),
        memory: limitAmount(limits.memory),
        storage: home.mode === "perSession" && s.spec.persistentHome !== false ? homeBytes : 0,
      };
    });
    const admission = admit(
      session.metadata?.name ?? "",
      claims,
      limitsFor(session.spec.user, quotas.store.list(ns), ownerGroups(session)),
      home.mode === "perUser" ? homeBytes : 0,
    );
    return admission.admitted
      ? undefined
      : { reason: "QuotaExceeded", message: `not started: ${admission.message}` };
  }

  /**
   * Builds the desired objects and applies them; returns the owned ones (home volumes are not owned).
   * Skipped when nothing it depends on has changed since it last found every object as desired: the
   * same cached Session, Template and live objects give the same answer, so a resync costs no build.
   */
  private async applyDesired(
    session: Session,
    template: Template,
    state: EffectiveState,
    signal: AbortSignal | undefined,
  ): Promise<ObjectRef[]> {
    const known = this.inSync.get(session);
    if (
      known?.template === template &&
      known.state === state &&
      known.live.every(({ ref, object }) => this.manager.live(ref) === object)
    ) {
      for (const _ of known.live) this.deps.metrics?.applied(CONTROLLER, "unchanged");
      return known.owned;
    }
    const desired = sessionBundleObjects({
      session: { ...session, spec: { ...session.spec, state } },
      template,
      settings: this.deps.config,
    });
    const owned = desired.filter((o) => o.kind !== "PersistentVolumeClaim").map(refOf);
    const live = await this.apply(desired, signal);
    if (live) this.inSync.set(session, { template, state, live, owned });
    return owned;
  }

  /** The informer that caches a kind of the Session's bundle. */
  private informerOf(kind: string) {
    const { deployments, services, ingresses, claims } = this.deps.informers;
    return {
      Deployment: deployments,
      Service: services,
      Ingress: ingresses,
      PersistentVolumeClaim: claims,
    }[kind as "Deployment"];
  }

  /**
   * Applies the objects all at once: none needs another to exist first, and a new Session then waits
   * one round trip rather than one per object (the queue's workers are the concurrency bound). The
   * first refusal in the bundle's order is thrown. When all of them already were as desired, returns
   * the live objects they were compared with: the very ones, since the cache may move on meanwhile.
   */
  private async apply(
    desired: readonly BundleObject[],
    signal: AbortSignal | undefined,
  ): Promise<InSync["live"] | undefined> {
    const results = await Promise.allSettled(
      desired.map(async (object) => {
        const ref = refOf(object);
        const live = this.manager.live(ref);
        const { action } = await this.manager.apply(object as KubeObject, signal);
        return { ref, object: live, action };
      }),
    );
    const refused = results.find((r) => r.status === "rejected");
    if (refused) throw refused.reason;
    const compared = results.map((r) => (r as PromiseFulfilledResult<ComparedObject>).value);
    return compared.every((c) => c.action === "unchanged")
      ? compared.map(({ ref, object }) => ({ ref, object }))
      : undefined;
  }

  /**
   * Deletes what the previous inventory holds and the desired set does not, if it is still this
   * Session's (the manager checks labels and owner). Home volumes are never in the inventory: they
   * outlive sessions. A failed delete stays in the inventory and is retried.
   */
  private async prune(
    session: Session,
    owned: readonly ObjectRef[],
    signal: AbortSignal | undefined,
  ): Promise<ObjectRef[]> {
    const stale = staleRefs(session.status?.inventory ?? this.cachedOwned(session), owned);
    const uid = session.metadata?.uid;
    if (stale.length === 0 || !uid) return nextInventory(owned, []);
    const { failed } = await this.manager.prune(
      stale,
      {
        labels: sessionSelector(session.metadata?.name ?? ""),
        ownerUid: uid,
      },
      signal,
    );
    return nextInventory(owned, failed);
  }

  /**
   * What a Session with no status yet owns: its first status may be held back (first-status.ts) after
   * a pass applied objects, so the caches stand in for the inventory, and the manager still checks
   * labels and owner before it prunes any of them.
   */
  private cachedOwned(session: Session): ObjectRef[] {
    return this.ownedRefs(session.metadata?.namespace ?? "", session.metadata?.name ?? "").filter(
      (ref) => this.manager.live(ref) !== undefined,
    );
  }

  /** The Deployment, Service and Ingress a Session's bundle names. */
  private ownedRefs(namespace: string, sessionName: string): ObjectRef[] {
    const name = sessionObjectName(sessionName);
    return OWNED_KINDS.map(({ apiVersion, kind }) => ({ apiVersion, kind, namespace, name }));
  }

  private liveDeployment(session: Session): V1Deployment | undefined {
    const key = `${session.metadata?.namespace}/${sessionObjectName(session.metadata?.name ?? "")}`;
    return this.deps.informers.deployments.store.get(key);
  }

  private pods(session: Session) {
    const key = `${session.metadata?.namespace}/${labelValue(session.metadata?.name ?? "")}`;
    return this.deps.informers.pods.store.byIndex("session", key);
  }

  private statusBase(session: Session, now: number, blocker: Blocker | undefined) {
    return {
      previous: session.status,
      generation: session.metadata?.generation,
      now,
      inventory: session.status?.inventory ?? [],
      ...(blocker ? { blocker } : {}),
    };
  }

  private observeTransitions(session: Session, next: SessionStatus, now: number): void {
    const metrics = this.deps.metrics;
    const before = session.status;
    if (!metrics || before?.phase === next.phase) return;
    const since = timeOf(before?.conditions?.find((c) => c.type === "Reconciling")?.lastTransitionTime);
    if (next.phase === "Running") {
      if (!before?.readyAt) {
        const created = timeOf(String(session.metadata?.creationTimestamp ?? ""));
        if (created !== undefined) metrics.observeTimeToReady((now - created) / 1000);
      } else if (since !== undefined) metrics.observeWake((now - since) / 1000);
    }
    if (next.phase === "Hibernated" && since !== undefined) metrics.observeHibernate((now - since) / 1000);
  }

  private async writeStatus(
    session: Session,
    next: SessionStatus,
    now: number,
    signal: AbortSignal | undefined,
  ): Promise<undefined> {
    const patch = statusPatch(session.status, next);
    if (!patch) return undefined;
    const key = `${session.metadata?.namespace}/${session.metadata?.name}`;
    const { namespace, name } = splitKey(key);
    const updated = await patchStatus(
      this.deps.kubeConfig,
      { apiVersion: GROUP_VERSION, kind: "Session", name, ...(namespace ? { namespace } : {}) },
      patch,
      signal,
    );
    this.written.remember(key, updated as unknown as Cached<Session>);
    // After the write: a failed one is retried, and its Events with it, so none is told twice.
    const subject = {
      apiVersion: GROUP_VERSION,
      kind: "Session",
      namespace: namespace ?? "",
      name,
      ...(session.metadata?.uid ? { uid: session.metadata.uid } : {}),
    };
    for (const event of sessionEvents(session.status, next)) this.deps.events?.record(subject, event, now);
    return undefined;
  }

  private requeue(
    decision: LifecycleDecision,
    status: SessionStatus,
    startupTimeoutMs: number,
    now: number,
  ): ReconcileResult {
    const waits = [MAX_REQUEUE_MS];
    if (decision.nextCheckAt !== undefined) waits.push(decision.nextCheckAt - now + 50);
    const reconciling = status.conditions?.find((c) => c.type === "Reconciling" && c.status === "True");
    if (reconciling && status.phase === "Pending") {
      // Nothing else fires when startupTimeout passes with the pod stuck: come back then.
      const since = timeOf(reconciling.lastTransitionTime) ?? now;
      waits.push(Math.max(1000, since + startupTimeoutMs - now + 1000));
    }
    return { requeueAfterMs: Math.max(50, Math.min(...waits)) };
  }
}

/**
 * What stops the Session when an object cannot be applied: another Session's object under its name,
 * or the API server refusing the object (its message names the field). Anything else is retried.
 */
function applyBlocker(error: unknown): Blocker | undefined {
  if (error instanceof OwnerConflictError) {
    return {
      reason: "ObjectConflict",
      message: `${error.message}; delete that object or rename this Session`,
    };
  }
  if (error instanceof ApplyRefusedError) return { reason: "ObjectRejected", message: error.message };
  return undefined;
}

/**
 * The API server refused the Session's pod (Pod Security, an admission policy): that does not pass by
 * itself, so the Session stalls at once with the server's message, which names the field.
 */
function refusedPods(observation: Observation): Blocker | undefined {
  if (observation.kind !== "progressing" || observation.cause?.reason !== "FailedCreate") return undefined;
  return {
    reason: "PodRejected",
    message: `the API server refused the Session's pod: ${observation.cause.message}`,
  };
}

type ComparedObject = InSync["live"][number] & { readonly action: string };

/** What a reconcile found already as desired, and the live objects it compared. */
interface InSync {
  readonly template: Template;
  readonly state: EffectiveState;
  readonly live: ReadonlyArray<{ readonly ref: ObjectRef; readonly object: KubeObject | undefined }>;
  readonly owned: ObjectRef[];
}

/** Our own applies' answers are kept by kind, namespace and name, as the informers' delete events say them. */
