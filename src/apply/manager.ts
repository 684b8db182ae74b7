import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { KubernetesObject } from "@kubernetes/client-node";
import { DESIRED_HASH_ANNOTATION } from "../api/labels.js";
import type { Informer } from "../core/informer.js";
import { KubeApiError } from "../core/kube-http.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import { OwnWrites } from "../core/own-writes.js";
import type { Logger } from "../telemetry/log.js";
import type { ReconcilerMetrics } from "../telemetry/metrics.js";
import { applyRequest, deleteObject, getObject, type KubeObject } from "./apply.js";
import { type ObjectRef, refOf } from "./inventory.js";
import { isManagedKind } from "./resources.js";
import { canonical } from "./status-patch.js";
import { isSubset } from "./subset.js";

export type ChangeAction = "created" | "configured" | "unchanged";

export interface Change {
  readonly ref: ObjectRef;
  readonly action: ChangeAction;
  /** The object as the server returned it, or the live one when nothing was written. */
  readonly object: KubeObject;
}

/** Who owns the objects of one apply: a prune deletes only what carries these labels and this owner. */
export interface Ownership {
  /** Labels every object of the set carries, e.g. the Session's or repository's label. */
  readonly labels: Readonly<Record<string, string>>;
  /** uid of the owner (Session, TemplateRepository) in the objects' ownerReferences. */
  readonly ownerUid: string;
}

/** An object of the set exists already and another owner controls it: it is not applied over. */
export class OwnerConflictError extends Error {
  constructor(
    readonly ref: ObjectRef,
    readonly holder: string,
  ) {
    super(`${ref.kind} ${ref.name} already exists and belongs to ${holder}; it is left alone`);
    this.name = "OwnerConflictError";
  }
}

/** The API server refused to apply an object of the set (invalid, or denied by admission). */
export class ApplyRefusedError extends KubeApiError {
  constructor(
    readonly ref: ObjectRef,
    cause: KubeApiError,
  ) {
    super(cause.statusCode, `the API server refused ${ref.kind} ${ref.name}: ${cause.message}`, cause.reason);
    this.name = "ApplyRefusedError";
  }
}

/** Answers that say the object itself is wrong, not that the server or the network is. */
const REFUSALS = new Set([400, 403, 422]);

export interface PruneResult {
  readonly deleted: ObjectRef[];
  /** Deletes that failed: still ours, to try again. */
  readonly failed: ObjectRef[];
  /** Not ours (other labels or owner, or a PersistentVolumeClaim), or already gone: forgotten. */
  readonly skipped: ObjectRef[];
}

export interface ResourceManagerOptions {
  readonly kubeConfig: KubeConfig;
  /** The object as the informer caches it; undefined when there is none (or no cache of its kind). */
  readonly cached: (ref: ObjectRef) => KubeObject | undefined;
  /**
   * Kinds whose objects are deleted and created again when the API server refuses to change a field
   * in place (a Service's clusterIP): only when our own owner controls the live object. Default none.
   */
  readonly replaceImmutable?: readonly string[];
  /** Label of the controller in metrics and logs. */
  readonly controller: string;
  readonly log: Logger;
  readonly metrics?: ReconcilerMetrics;
}

/** sha256 of the object with its keys sorted, the hash annotation left out. */
export function desiredHash(object: KubeObject): string {
  const { [DESIRED_HASH_ANNOTATION]: _ignored, ...annotations } =
    (object.metadata.annotations as Record<string, string> | undefined) ?? {};
  const unhashed = { ...object, metadata: { ...object.metadata, annotations } };
  return createHash("sha256").update(canonical(unhashed)).digest("hex").slice(0, 32);
}

/** Whether `live` was last applied from an object equal to `desired`. */
export function appliedFrom(desired: KubeObject, live: KubeObject | undefined): boolean {
  const recorded = (live?.metadata.annotations as Record<string, string> | undefined)?.[
    DESIRED_HASH_ANNOTATION
  ];
  return recorded !== undefined && recorded === desiredHash(desired);
}

function withHash(desired: KubeObject): KubeObject {
  const annotations = (desired.metadata.annotations as Record<string, string> | undefined) ?? {};
  return {
    ...desired,
    metadata: {
      ...desired.metadata,
      annotations: { ...annotations, [DESIRED_HASH_ANNOTATION]: desiredHash(desired) },
    },
  };
}

type OwnerReference = { kind?: string; name?: string; uid?: string; controller?: boolean };

function ownerReferences(object: KubeObject): OwnerReference[] {
  return (object.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
}

function controllerUid(object: KubeObject): string | undefined {
  return ownerReferences(object).find((r) => r.controller)?.uid;
}

/** The controller owner of `live` when it is not the one `desired` names, as "Kind name". */
function foreignController(desired: KubeObject, live: KubeObject): string | undefined {
  const ours = controllerUid(desired);
  const theirs = ownerReferences(live).find((r) => r.controller);
  if (!theirs || theirs.uid === ours) return undefined;
  return `${theirs.kind ?? "another owner"} ${theirs.name ?? theirs.uid ?? ""}`.trim();
}

function isOurs(live: KubeObject, ownership: Ownership): boolean {
  const labels = (live.metadata.labels as Record<string, string> | undefined) ?? {};
  return (
    live.kind !== "PersistentVolumeClaim" &&
    Object.entries(ownership.labels).every(([k, v]) => labels[k] === v) &&
    ownerReferences(live).some((r) => r.uid === ownership.ownerUid)
  );
}

/** What server-side apply may change; the rest of a live object is the server's or other managers'. */
function comparable(object: KubeObject): unknown {
  const { status: _status, metadata, ...rest } = object;
  const {
    managedFields: _m,
    resourceVersion: _r,
    generation: _g,
    ...meta
  } = metadata as Record<string, unknown>;
  return { ...rest, metadata: meta };
}

/**
 * The one applier, after Flux's ResourceManager: applies a set of objects with server-side apply and
 * says what changed, and prunes what an inventory held and the set no longer does. No write when an
 * object is as desired: it must have been applied from an equal object (the hash annotation) and
 * still hold every field we declare (nobody edited it since). A removed field changes the hash, so
 * the object is sent without it and server-side apply removes it.
 */
export class ResourceManager {
  // Our applies' answers until the informer's copy is as new: a reconcile often runs again before the
  // watch delivers our write, and from the stale cache it would apply (and count) the object again.
  private readonly own = new OwnWrites<KubeObject>();

  constructor(private readonly opts: ResourceManagerOptions) {}

  /** The object as the server has it, as far as we know: the cached copy, or our fresher write. */
  live(ref: ObjectRef): KubeObject | undefined {
    return this.own.fresher(ownKey(ref), this.opts.cached(ref));
  }

  /** Drops our write of `ref`: call it when the informer says the object was deleted. */
  forget(ref: Pick<ObjectRef, "kind" | "namespace" | "name">): void {
    this.own.forget(ownKey(ref));
  }

  /** Forgets our write of each `kind` object `informer` sees deleted. */
  forgetDeleted(kind: string, informer: Pick<Informer<KubernetesObject>, "on">): void {
    informer.on("delete", (o) =>
      this.forget({ kind, namespace: o.metadata?.namespace, name: o.metadata?.name ?? "" }),
    );
  }

  /**
   * Applies one object. An object that exists and is controlled by another owner is not applied over
   * (OwnerConflictError): two owners that map to one name must not take each other's objects.
   */
  async apply(desired: KubeObject, signal?: AbortSignal): Promise<Change> {
    const ref = refOf(desired);
    const live = this.live(ref);
    const holder = live && foreignController(desired, live);
    if (holder) throw new OwnerConflictError(ref, holder);
    let action: ChangeAction;
    let object: KubeObject;
    try {
      action = await this.decide(desired, live, signal);
      object = action === "unchanged" ? (live as KubeObject) : await this.write(desired, live, signal);
    } catch (error) {
      if (error instanceof KubeApiError && REFUSALS.has(error.statusCode))
        throw new ApplyRefusedError(ref, error);
      throw error;
    }
    this.opts.metrics?.applied(this.opts.controller, action);
    if (action !== "unchanged") {
      this.own.remember(ownKey(ref), object);
      this.opts.log.info("applied", { kind: ref.kind, name: ref.name, result: action });
    }
    return { ref, action, object };
  }

  /** Applies `desired`, replacing the live object when a field it changes cannot change in place. */
  private async write(
    desired: KubeObject,
    live: KubeObject | undefined,
    signal: AbortSignal | undefined,
  ): Promise<KubeObject> {
    try {
      return await applyRequest(this.opts.kubeConfig, withHash(desired), { signal });
    } catch (error) {
      if (!live || !this.replaceable(desired, live, error)) throw error;
      const ref = refOf(desired);
      const uid = (live.metadata as { uid?: string }).uid;
      await deleteObject(this.opts.kubeConfig, ref, {
        ...(uid ? { uid } : {}),
        ...(signal ? { signal } : {}),
      });
      this.opts.log.info("replaced: a field it changes cannot change in place", {
        kind: ref.kind,
        name: ref.name,
        error: (error as Error).message,
      });
      return applyRequest(this.opts.kubeConfig, withHash(desired), { signal });
    }
  }

  private replaceable(desired: KubeObject, live: KubeObject, error: unknown): boolean {
    if (!this.opts.replaceImmutable?.includes(desired.kind)) return false;
    if (!(error instanceof KubeApiError && error.statusCode === 422)) return false;
    if (!/immutable|may not change once set/i.test(error.message)) return false;
    const ours = controllerUid(desired);
    return ours !== undefined && controllerUid(live) === ours;
  }

  private async decide(
    desired: KubeObject,
    live: KubeObject | undefined,
    signal: AbortSignal | undefined,
  ): Promise<ChangeAction> {
    if (!live) return "created";
    if (!appliedFrom(desired, live)) return "configured";
    if (isSubset(desired, live)) return "unchanged";
    // Applied from this object, yet a field differs: edited since, or a value the server normalizes
    // ("1000m" stored as "1"). A dry run tells which.
    const preview = await applyRequest(this.opts.kubeConfig, withHash(desired), { dryRun: true, signal });
    // Deep equality, not JSON text: the two answers need not list keys in the same order.
    return isDeepStrictEqual(comparable(preview), comparable(live)) ? "unchanged" : "configured";
  }

  /**
   * Applies every object, `concurrency` at a time, each independently: the change set holds what was
   * applied, `failures` what the server refused and why.
   */
  async applyAll(
    objects: readonly KubeObject[],
    options: { signal?: AbortSignal; concurrency?: number } = {},
  ): Promise<{ changes: Change[]; failures: Array<{ ref: ObjectRef; error: Error }> }> {
    const changes: Change[] = [];
    const failures: Array<{ ref: ObjectRef; error: Error }> = [];
    let next = 0;
    const worker = async () => {
      while (next < objects.length) {
        const object = objects[next++] as KubeObject;
        try {
          changes.push(await this.apply(object, options.signal));
        } catch (error) {
          failures.push({
            ref: refOf(object),
            error: error instanceof Error ? error : new Error(String(error)),
          });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, objects.length) }, worker));
    return { changes, failures };
  }

  /**
   * Deletes the objects of `stale` that are still ours: read fresh (an inventory is status anyone
   * with status access may write), they must carry the ownership labels and owner uid, and never be a
   * PersistentVolumeClaim. The delete names the uid read, so a replacement is not deleted either.
   */
  async prune(stale: readonly ObjectRef[], ownership: Ownership, signal?: AbortSignal): Promise<PruneResult> {
    const result: PruneResult = { deleted: [], failed: [], skipped: [] };
    for (const ref of stale) {
      try {
        const live = await this.readForPrune(ref, signal);
        if (!live || !isOurs(live, ownership)) {
          if (live) this.opts.log.warn("not pruned: not ours", { kind: ref.kind, name: ref.name });
          result.skipped.push(ref);
          continue;
        }
        const uid = (live.metadata as { uid?: string }).uid;
        await deleteObject(this.opts.kubeConfig, ref, {
          ...(uid ? { uid } : {}),
          ...(signal ? { signal } : {}),
        });
        result.deleted.push(ref);
        this.forget(ref);
        this.opts.metrics?.applied(this.opts.controller, "pruned");
        this.opts.log.info("pruned", { kind: ref.kind, name: ref.name });
      } catch (error) {
        if (error instanceof KubeApiError && error.statusCode === 409) {
          result.skipped.push(ref); // Replaced since it was read: not the object we owned.
          continue;
        }
        this.opts.log.warn("prune failed; kept in the inventory to retry", {
          kind: ref.kind,
          name: ref.name,
          error: String(error),
        });
        result.failed.push(ref);
      }
    }
    return result;
  }

  /** The object to prune, read from the server; a kind we never apply is nobody's to delete. */
  private async readForPrune(
    ref: ObjectRef,
    signal: AbortSignal | undefined,
  ): Promise<KubeObject | undefined> {
    if (!isManagedKind(ref.apiVersion, ref.kind)) return undefined;
    return getObject(this.opts.kubeConfig, ref, signal);
  }
}

function ownKey(ref: Pick<ObjectRef, "kind" | "namespace" | "name">): string {
  return `${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}
