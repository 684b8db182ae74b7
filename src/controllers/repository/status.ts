import { type ConditionUpdate, nextConditions } from "../../api/conditions.js";
import type { Condition, TemplateRepositoryStatus } from "../../api/generated/types.js";
import type { ObjectRef } from "../../apply/inventory.js";
import { isStalled, type SyncError } from "../../git/errors.js";
import { redact } from "../../telemetry/log.js";
import type { Problem } from "./manifests.js";

export type StatusError = NonNullable<TemplateRepositoryStatus["errors"]>[number];

const MAX_MESSAGE = 1024;

function clip(text: string): string {
  const safe = String(redact(text));
  return safe.length > MAX_MESSAGE ? `${safe.slice(0, MAX_MESSAGE - 1)}…` : safe;
}

/**
 * status.errors: errors before warnings, then in path order, at most `max` entries (a repository
 * of 10,000 broken files must not produce an object etcd refuses), messages clipped and redacted.
 */
export function statusErrors(problems: readonly Problem[], max: number): StatusError[] {
  const rank = (p: Problem) => (p.severity === "Error" ? 0 : 1);
  return [...problems]
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .slice(0, max)
    .map(({ p }) => ({
      file: p.file,
      ...(p.document !== undefined ? { document: p.document } : {}),
      ...(p.field !== undefined ? { field: p.field } : {}),
      message: clip(p.message),
      severity: p.severity,
    }));
}

export interface StatusInput {
  readonly previous: TemplateRepositoryStatus | undefined;
  readonly generation: number | undefined;
  readonly now: string;
  /** Why the latest fetch or read failed; undefined when it succeeded. */
  readonly failure?: SyncError;
  /** Revision whose Templates are applied; undefined before the first successful read. */
  readonly revision?: string;
  readonly problems: readonly Problem[];
  /** Some Templates were refused by the API server. */
  readonly applyFailed: boolean;
  readonly inventory: readonly ObjectRef[];
  readonly maxErrors: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The status a sync leads to, Flux-style: `phase` follows the Ready condition (Failed whenever Ready
 * is False, Syncing only while a new revision is applied); Stalled when only a spec change can help.
 * `lastSyncTime` is when the current revision (or spec generation) was last synced successfully, so
 * a resync that changes nothing leaves the status byte for byte as it was and nothing is written.
 */
export function buildStatus(input: StatusInput): TemplateRepositoryStatus {
  const { previous, failure, revision } = input;
  const errorCount = input.problems.filter((p) => p.severity === "Error").length;
  const errorFiles = new Set(input.problems.filter((p) => p.severity === "Error").map((p) => p.file)).size;
  const count = input.inventory.length;
  const set: ConditionUpdate[] = [];
  const remove = ["Reconciling"];
  let phase: TemplateRepositoryStatus["phase"];

  if (failure) {
    phase = "Failed";
    set.push({ type: "Ready", status: "False", reason: failure.reason, message: clip(failure.message) });
    if (isStalled(failure.reason)) {
      set.push({ type: "Stalled", status: "True", reason: failure.reason, message: clip(failure.message) });
    } else remove.push("Stalled");
  } else if (errorCount > 0) {
    phase = "Failed";
    const first = input.problems.find((p) => p.severity === "Error") as Problem;
    set.push({
      type: "Ready",
      status: "False",
      reason: input.applyFailed ? "ApplyFailed" : "ValidationFailed",
      message: clip(
        `${plural(errorCount, "problem")} in ${plural(errorFiles, "file")} (first: ${first.file}: ${first.field ? `${first.field} ` : ""}${first.message}); ${plural(count, "Template")} applied from ${revision}`,
      ),
    });
    remove.push("Stalled");
  } else {
    phase = "Ready";
    set.push({
      type: "Ready",
      status: "True",
      reason: "Succeeded",
      message: `Applied revision ${revision}: ${plural(count, "Template")}`,
    });
    remove.push("Stalled");
  }

  const succeeded = !failure && revision !== undefined;
  const changedSource = previous?.revision !== revision || previous?.observedGeneration !== input.generation;
  const lastSyncTime =
    succeeded && (changedSource || !previous?.lastSyncTime) ? input.now : previous?.lastSyncTime;

  const status: TemplateRepositoryStatus = {
    phase,
    ...(lastSyncTime ? { lastSyncTime } : {}),
    ...(revision ? { revision } : {}),
    templateCount: count,
    errors: statusErrors(input.problems, input.maxErrors),
    ...(input.generation !== undefined ? { observedGeneration: input.generation } : {}),
    conditions: nextConditions(previous?.conditions, set, remove, input.now, input.generation),
    inventory: [...input.inventory],
  };
  if (failure && previous?.revision && !revision) status.revision = previous.revision;
  return status;
}

/** The status while a new revision is being applied. */
export function syncingStatus(
  previous: TemplateRepositoryStatus | undefined,
  revision: string,
  now: string,
  generation: number | undefined,
): TemplateRepositoryStatus {
  const set: ConditionUpdate[] = [
    { type: "Reconciling", status: "True", reason: "Progressing", message: `Applying revision ${revision}` },
  ];
  const conditions: Condition[] = nextConditions(previous?.conditions, set, [], now, generation);
  return { ...previous, phase: "Syncing", conditions };
}

/** Key-order independent equality of JSON values (the API server re-encodes objects sorted). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(b)) {
    const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

/** A merge patch from `previous` to `next`: keys that disappeared are set to null. */
export function statusPatch(
  previous: TemplateRepositoryStatus | undefined,
  next: TemplateRepositoryStatus,
): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...next };
  for (const key of Object.keys(previous ?? {})) if (!(key in next)) patch[key] = null;
  return patch;
}
