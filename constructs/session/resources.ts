import type { ResourceList, Resources } from "../../src/api/generated/types.js";
import { parseQuantity } from "../../src/api/quantity.js";
import type { SessionDefaults } from "./settings.js";

/** cpu, memory and ephemeral storage, always (the platform has defaults). */
type Amounts = Record<"cpu" | "memory" | "ephemeral-storage", string>;

function pick(
  field: "cpu" | "memory",
  sessionList: ResourceList | undefined,
  templateList: ResourceList | undefined,
  platform: string,
): string {
  return String(sessionList?.[field] ?? templateList?.[field] ?? platform);
}

/**
 * Scratch space is capped by its limit but reserved only when the Session or Template asks: without an
 * explicit request Kubernetes would reserve the whole limit (10Gi by default) on the node for every
 * session, and a node with 500Gi of disk would take 50 sessions whatever they write.
 */
function ephemeralStorageRequest(
  sessionList: ResourceList | undefined,
  templateList: ResourceList | undefined,
  limit: string,
) {
  return smaller(
    String(sessionList?.["ephemeral-storage"] ?? templateList?.["ephemeral-storage"] ?? "0"),
    limit,
  );
}

function smaller(a: string, b: string): string {
  return parseQuantity(a) < parseQuantity(b) ? a : b;
}

/**
 * Requests and limits, field by field: the Session's, else the Template's, else the platform's.
 * Field by field, so a Session that only raises its memory limit keeps the Template's CPU. Scratch space
 * is the exception: a Session may lower it, not raise it (`scratchCap`).
 */
export function resolveResources(
  session: Resources | undefined,
  template: Resources | undefined,
  defaults: SessionDefaults,
): { requests: Amounts; limits: Amounts } {
  const scratch = scratchLimit(session, template, defaults);
  return {
    requests: {
      cpu: pick("cpu", session?.requests, template?.requests, defaults.cpuRequest),
      memory: pick("memory", session?.requests, template?.requests, defaults.memoryRequest),
      "ephemeral-storage": ephemeralStorageRequest(session?.requests, template?.requests, scratch),
    },
    limits: {
      cpu: pick("cpu", session?.limits, template?.limits, defaults.cpuLimit),
      memory: pick("memory", session?.limits, template?.limits, defaults.memoryLimit),
      "ephemeral-storage": scratch,
    },
  };
}

/**
 * The most scratch space (outside the home) a session of this Template may have: the Template's limit,
 * else the platform's. A Session may ask for less, never more: this cap is what keeps a session from
 * filling its node's disk, and a Session is its user's to write (docs/decisions/0182).
 */
export function scratchCap(
  template: Resources | undefined,
  defaults: Pick<SessionDefaults, "ephemeralStorageLimit">,
): string {
  return String(template?.limits?.["ephemeral-storage"] ?? defaults.ephemeralStorageLimit);
}

/**
 * The most a session may write outside its home: its ephemeral-storage limit, and the size limit of
 * each of its emptyDir volumes. The Session's own limit when it asks for less than the cap, else the cap.
 */
function scratchLimit(
  session: Resources | undefined,
  template: Resources | undefined,
  defaults: SessionDefaults,
): string {
  const cap = scratchCap(template, defaults);
  const asked = session?.limits?.["ephemeral-storage"];
  return asked === undefined ? cap : smaller(String(asked), cap);
}
