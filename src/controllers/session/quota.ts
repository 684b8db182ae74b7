import type { Quota, QuotaSpec, Session } from "../../api/generated/types.js";
import { USER_GROUPS_ANNOTATION } from "../../api/labels.js";
import { parseQuantity } from "../../api/quantity.js";
import type { EffectiveState } from "./lifecycle.js";

export type Limits = NonNullable<QuotaSpec["limits"]>;
type LimitField = keyof Limits;
const FIELDS: LimitField[] = ["maxSessions", "maxRunningSessions", "cpu", "memory", "storage"];

function numeric(value: string | number | undefined): number | undefined {
  return value === undefined ? undefined : parseQuantity(value);
}

/**
 * The owner's groups as the API stated them on the Session (an admission policy lets no one else set
 * the annotation). Anything but a JSON list of strings counts as no groups: a group Quota can only
 * raise a user's limits, so ignoring a malformed list never lets a session use more.
 */
export function ownerGroups(session: Session): string[] {
  const raw = session.metadata?.annotations?.[USER_GROUPS_ANNOTATION];
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((g) => typeof g === "string") ? parsed : [];
  } catch {
    return [];
  }
}

/**
 * The limits that apply to a user, field by field: their own Quota, else the most generous of their
 * groups' Quotas (a group counts when its Quota lists the user as a member or the API stated the
 * user's membership), else the strictest namespace default. Each limit says which Quota set it.
 */
export function limitsFor(
  user: string,
  quotas: readonly Quota[],
  userGroups: readonly string[] = [],
): Map<LimitField, { value: number; quota: string }> {
  const own = quotas.filter((q) => q.spec.user === user);
  const groups = quotas.filter(
    (q) =>
      q.spec.group !== undefined &&
      ((q.spec.members ?? []).includes(user) || userGroups.includes(q.spec.group)),
  );
  const defaults = quotas.filter((q) => q.spec.user === undefined && q.spec.group === undefined);
  const out = new Map<LimitField, { value: number; quota: string }>();
  for (const field of FIELDS) {
    const pick = (candidates: readonly Quota[], better: (a: number, b: number) => boolean) => {
      let best: { value: number; quota: string } | undefined;
      for (const quota of candidates) {
        const value = numeric(quota.spec.limits?.[field]);
        if (value !== undefined && (!best || better(value, best.value))) {
          best = { value, quota: quota.metadata?.name ?? "" };
        }
      }
      return best;
    };
    const chosen =
      pick(own, (a, b) => a < b) ?? pick(groups, (a, b) => a > b) ?? pick(defaults, (a, b) => a < b);
    if (chosen) out.set(field, chosen);
  }
  return out;
}

/** One of the user's sessions, as admission sees it. */
export interface Claim {
  readonly name: string;
  readonly createdAt: string;
  readonly state: EffectiveState;
  /** Already started and not refused: keeps its place even if a Quota is lowered later. */
  readonly holdsSlot: boolean;
  /** CPU limit in cores; unbounded (Infinity) for a limit of 0 (see limitAmount). */
  readonly cpu: number;
  /** Memory limit in bytes; unbounded likewise. */
  readonly memory: number;
  /** Size of a home volume of its own (per-session homes); a shared per-user home is counted once, apart. */
  readonly storage: number;
}

/** Started and not refused since: such a session keeps running whatever its user's other sessions do. */
export function holdsSlot(session: Session): boolean {
  const status = session.status;
  return (
    (status?.phase === "Running" || status?.phase === "Pending") &&
    !!status.startedAt &&
    status.reason !== "QuotaExceeded"
  );
}

/**
 * Whether a change to another session of the same user can change this one's admission: only a
 * session that asks to run and holds no slot yet can be admitted or refused by it.
 */
export function awaitsAdmission(session: Session): boolean {
  return (session.spec.state ?? "running") === "running" && !holdsSlot(session);
}

export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly message: string };

function order(a: Claim, b: Claim): number {
  if (a.holdsSlot !== b.holdsSlot) return a.holdsSlot ? -1 : 1;
  return a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name);
}

/**
 * Whether one session may run. Every session of the user is considered in the same order (those
 * already running first, then oldest first), and each is admitted if it still fits: so any replica,
 * reconciling any of them, reaches the same answer, and lowering a Quota never stops a running session.
 */
export function admit(
  name: string,
  claims: readonly Claim[],
  limits: ReadonlyMap<LimitField, { value: number; quota: string }>,
  sharedHomeBytes = 0,
): Admission {
  const used = { sessions: 0, running: 0, cpu: 0, memory: 0, storage: sharedHomeBytes };
  const limit = (field: LimitField) => limits.get(field)?.value ?? Number.POSITIVE_INFINITY;
  const refuse = (field: LimitField, what: string) => ({
    admitted: false as const,
    message: `${what} would exceed the limit ${field}=${limits.get(field)?.value} of Quota ${limits.get(field)?.quota}`,
  });
  /** CPU in whole millicores, Kubernetes' precision: 0.1 + 0.2 cores must fit in 300m. */
  const milli = (cores: number) => Math.round(cores * 1000);
  for (const claim of [...claims].filter((c) => c.state !== "terminated").sort(order)) {
    const self = claim.name === name;
    // A session holding a slot is counted but never refused, even over a Quota lowered since.
    const keep = claim.holdsSlot;
    if (!keep && used.sessions + 1 > limit("maxSessions")) {
      if (self) return refuse("maxSessions", `${used.sessions + 1} sessions`);
      continue;
    }
    if (!keep && used.storage + claim.storage > limit("storage")) {
      if (self) return refuse("storage", "its home volume");
      continue;
    }
    used.sessions += 1;
    used.storage += claim.storage;
    if (claim.state !== "running") {
      if (self) return { admitted: true };
      continue;
    }
    const checks: Array<[LimitField, boolean, string]> = [
      [
        "maxRunningSessions",
        used.running + 1 > limit("maxRunningSessions"),
        `${used.running + 1} running sessions`,
      ],
      [
        "cpu",
        milli(used.cpu + claim.cpu) > milli(limit("cpu")),
        Number.isFinite(claim.cpu)
          ? `a CPU limit of ${milli(used.cpu + claim.cpu) / 1000} cores in all`
          : "no CPU limit (a limit of 0 is none to Kubernetes)",
      ],
      [
        "memory",
        used.memory + claim.memory > limit("memory"),
        Number.isFinite(claim.memory)
          ? `${Math.ceil((used.memory + claim.memory) / 2 ** 20)}Mi of memory in all`
          : "no memory limit (a limit of 0 is none to Kubernetes)",
      ],
    ];
    const failed = keep ? undefined : checks.find(([, over]) => over);
    if (failed) {
      if (self) return refuse(failed[0], failed[2]);
      continue;
    }
    used.running += 1;
    used.cpu += claim.cpu;
    used.memory += claim.memory;
    if (self) return { admitted: true };
  }
  return { admitted: true };
}
