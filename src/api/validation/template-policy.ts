import type { Template } from "../generated/types.js";

/**
 * What the platform lets a Template run, checked when the Template is validated (Template Invalid,
 * naming the field) rather than discovered when a Session's pod is refused: the Pod Security level
 * enforced on the sessions namespace, and the platform's image registries (security.imageRegistries).
 */
export interface TemplatePolicy {
  readonly podSecurity: PodSecurityLevel;
  /** Registries (host, or host/path prefix) images may come from; empty allows any. */
  readonly imageRegistries: readonly string[];
}

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

/** The level the platform enforces on the sessions namespace (constructs/platform/namespaces.ts). */
export const SESSIONS_POD_SECURITY: PodSecurityLevel = "baseline";

// Pod Security Standards: the capabilities a container may add at each level.
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);
const RESTRICTED_CAPABILITIES: ReadonlySet<string> = new Set(["NET_BIND_SERVICE"]);

/** The policy a platform config sets. */
export function templatePolicy(config: {
  readonly security: { readonly imageRegistries: readonly string[] };
}): TemplatePolicy {
  return { podSecurity: SESSIONS_POD_SECURITY, imageRegistries: config.security.imageRegistries };
}

/** `registry/path` of an image reference, with Docker Hub's implicit registry written out. */
export function imageLocation(image: string): string {
  const name = image.split("@")[0]?.replace(/:[^/:]+$/, "") ?? "";
  const first = name.split("/")[0] ?? "";
  const hasRegistry =
    name.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasRegistry) return name.toLowerCase();
  return `docker.io/${name.includes("/") ? name : `library/${name}`}`.toLowerCase();
}

function registryAllowed(image: string, registries: readonly string[]): boolean {
  if (registries.length === 0) return true;
  const location = imageLocation(image);
  return registries.some((entry) => {
    const prefix = entry.toLowerCase().replace(/\/+$/, "");
    return location === prefix || location.startsWith(`${prefix}/`);
  });
}

/** The first thing in the Template the platform does not allow, naming the field; undefined if none. */
export function templatePolicyProblem(template: Template, policy: TemplatePolicy): string | undefined {
  const spec = template.spec;
  if (!registryAllowed(spec.baseImage, policy.imageRegistries)) {
    return `spec.baseImage: ${spec.baseImage} is not from a registry the platform allows (security.imageRegistries: ${policy.imageRegistries.join(", ")})`;
  }
  if (policy.podSecurity === "privileged") return undefined;
  const allowed = policy.podSecurity === "restricted" ? RESTRICTED_CAPABILITIES : BASELINE_CAPABILITIES;
  const capabilities = spec.securityContext?.addCapabilities ?? [];
  for (const [i, capability] of capabilities.entries()) {
    const name = capability.toUpperCase().replace(/^CAP_/, "");
    if (!allowed.has(name)) {
      return `spec.securityContext.addCapabilities[${i}]: ${capability} is not allowed by Pod Security "${policy.podSecurity}", enforced on the sessions namespace (allowed: ${[...allowed].join(", ")})`;
    }
  }
  if (policy.podSecurity === "restricted") {
    const context = spec.securityContext ?? {};
    if (context.runAsUser === 0) {
      return `spec.securityContext.runAsUser: 0 (root) is not allowed by Pod Security "restricted", enforced on the sessions namespace`;
    }
    if (context.runAsNonRoot === false) {
      return `spec.securityContext.runAsNonRoot: false is not allowed by Pod Security "restricted", enforced on the sessions namespace`;
    }
  }
  return undefined;
}
