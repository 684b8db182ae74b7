import type { ResourceList, Resources } from "../../src/generated/types.js";
import type { SessionDefaults } from "./settings.js";

type Amounts = Record<"cpu" | "memory", string>;

function pick(
  field: "cpu" | "memory",
  sessionList: ResourceList | undefined,
  templateList: ResourceList | undefined,
  platform: string,
): string {
  return String(sessionList?.[field] ?? templateList?.[field] ?? platform);
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
    },
    limits: {
      cpu: pick("cpu", session?.limits, template?.limits, defaults.cpuLimit),
      memory: pick("memory", session?.limits, template?.limits, defaults.memoryLimit),
    },
  };
}
