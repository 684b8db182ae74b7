import type { TemplateSpec } from "../../src/api/generated/types.js";

/**
 * Security contexts as strict as the image allows: non-root, no privilege escalation, every
 * capability dropped, RuntimeDefault seccomp — unless the Template says the image needs more
 * (LinuxServer.io images start as root and drop to PUID themselves).
 */
export function podSecurityContext(spec: TemplateSpec) {
  const declared = spec.securityContext ?? {};
  const runAsNonRoot = declared.runAsNonRoot ?? declared.runAsUser !== 0;
  return {
    runAsNonRoot,
    ...(declared.runAsUser !== undefined
      ? { runAsUser: declared.runAsUser }
      : runAsNonRoot
        ? { runAsUser: 1000 }
        : {}),
    ...(declared.runAsGroup !== undefined
      ? { runAsGroup: declared.runAsGroup }
      : runAsNonRoot
        ? { runAsGroup: 1000 }
        : {}),
    fsGroup: declared.fsGroup ?? 1000,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export function containerSecurityContext(spec: TemplateSpec) {
  const declared = spec.securityContext ?? {};
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: declared.readOnlyRootFilesystem ?? false,
    capabilities: {
      drop: ["ALL"],
      ...(declared.addCapabilities?.length ? { add: [...declared.addCapabilities] } : {}),
    },
  };
}
