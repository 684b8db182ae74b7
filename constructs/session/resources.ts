import type { ResourceList, Resources } from "../../src/api/generated/types.js";
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
) {
  return String(sessionList?.["ephemeral-storage"] ?? templateList?.["ephemeral-storage"] ?? "0");
}

/**
 * Requests and limits, field by field: the Session's, else the Template's, else the platform's.
 * Field by field, so a Session that only raises its memory limit keeps the Template's CPU.
 */
export function resolveResources(
  session: Resources | undefined,
  template: Resources | undefined,
  defaults: SessionDefaults,
): { requests: Amounts; limits: Amounts } {
  return {
    requests: {
      cpu: pick("cpu", session?.requests, template?.requests, defaults.cpuRequest),
      memory: pick("memory", session?.requests, template?.requests, defaults.memoryRequest),
      "ephemeral-storage": ephemeralStorageRequest(session?.requests, template?.requests),
    },
    limits: {
      cpu: pick("cpu", session?.limits, template?.limits, defaults.cpuLimit),
      memory: pick("memory", session?.limits, template?.limits, defaults.memoryLimit),
      "ephemeral-storage": scratchLimit(session, template, defaults),
    },
  };
}

/**
 * The most a session may write outside its home: its ephemeral-storage limit, and the size limit of
 * each of its emptyDir volumes, so that no session can fill its node's disk.
 */
export function scratchLimit(
  session: Resources | undefined,
  template: Resources | undefined,
  defaults: SessionDefaults,
): string {
  return String(
    session?.limits?.["ephemeral-storage"] ??
      template?.limits?.["ephemeral-storage"] ??
      defaults.ephemeralStorageLimit,
  );
}
