import type { ResourceList, Resources } from "../../src/api/generated/types.js";
import type { SessionDefaults } from "./settings.js";

/** cpu and memory always (the platform has defaults); ephemeral storage only when Session or Template sets it. */
type Amounts = Record<"cpu" | "memory", string> & { "ephemeral-storage"?: string };

function pick(
  field: "cpu" | "memory",
  sessionList: ResourceList | undefined,
  templateList: ResourceList | undefined,
  platform: string,
): string {
  return String(sessionList?.[field] ?? templateList?.[field] ?? platform);
}

function ephemeralStorage(sessionList: ResourceList | undefined, templateList: ResourceList | undefined) {
  const value = sessionList?.["ephemeral-storage"] ?? templateList?.["ephemeral-storage"];
  return value === undefined ? {} : { "ephemeral-storage": String(value) };
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
      ...ephemeralStorage(session?.requests, template?.requests),
    },
    limits: {
      cpu: pick("cpu", session?.limits, template?.limits, defaults.cpuLimit),
      memory: pick("memory", session?.limits, template?.limits, defaults.memoryLimit),
      ...ephemeralStorage(session?.limits, template?.limits),
    },
  };
}
