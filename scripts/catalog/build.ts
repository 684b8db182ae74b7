/**
 * Turns a curated entry into the Template object that is written to catalog/templates/.
 *
 * Properties are added in one fixed order (metadata, then the spec fields in the order of the Template
 * format), because the YAML writer keeps insertion order and a stable order is what makes
 * regeneration byte-identical.
 */
import { type Capability, type Category, categoryBySlug, RESOURCE_PROFILES } from "./categories.js";
import type { AppEntry, EnvVar, PortSpec, SecuritySpec, VncSpec, WebappSpec } from "./families.js";

export const API_VERSION = "stream.streamspace.io/v1alpha1";
export const CATEGORY_LABEL = "streamspace.io/category";

export interface TemplateSpec {
  readonly displayName: string;
  readonly description: string;
  readonly category: string;
  readonly icon: string;
  readonly baseImage: string;
  readonly appType: AppEntry["appType"];
  readonly defaultResources: {
    readonly requests: { readonly cpu: string; readonly memory: string };
    readonly limits: { readonly cpu: string; readonly memory: string };
  };
  readonly ports: readonly PortSpec[];
  readonly env?: readonly EnvVar[];
  readonly vnc?: VncSpec & { readonly enabled: true };
  readonly webapp?: WebappSpec;
  readonly capabilities: readonly Capability[];
  readonly tags: readonly string[];
  readonly multiUser?: boolean;
  readonly securityContext?: SecuritySpec;
  readonly volumeMounts?: readonly { readonly name: string; readonly mountPath: string }[];
}

export interface TemplateDocument {
  readonly apiVersion: typeof API_VERSION;
  readonly kind: "Template";
  readonly metadata: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
  readonly spec: TemplateSpec;
}

/** spec.capabilities in one canonical order, whatever order family, category and entry gave. */
const CAPABILITY_ORDER: readonly Capability[] = ["Network", "Audio", "Clipboard", "USB", "Printing", "GPU"];

export function requireCategory(entry: AppEntry): Category {
  const category = categoryBySlug(entry.category);
  if (!category)
    throw new Error(`catalog entry '${entry.name}': category: unknown category '${entry.category}'`);
  return category;
}

export function buildTemplate(entry: AppEntry): TemplateDocument {
  const category = requireCategory(entry);
  const profile = RESOURCE_PROFILES[entry.resources ?? category.resources];
  const capabilities = new Set<Capability>([...entry.capabilities, ...category.capabilities]);
  const spec: TemplateSpec = {
    displayName: entry.displayName,
    description: entry.description,
    category: category.name,
    icon: entry.icon,
    baseImage: entry.image,
    appType: entry.appType,
    defaultResources: {
      requests: { cpu: profile.requests.cpu, memory: profile.requests.memory },
      limits: { cpu: profile.limits.cpu, memory: profile.limits.memory },
    },
    ports: entry.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
    ...(entry.env.length > 0 ? { env: entry.env.map((e) => ({ name: e.name, value: e.value })) } : {}),
    ...(entry.vnc
      ? {
          vnc: {
            enabled: true as const,
            port: entry.vnc.port,
            protocol: entry.vnc.protocol,
            encryption: entry.vnc.encryption,
          },
        }
      : {}),
    ...(entry.webapp
      ? {
          webapp: {
            port: entry.webapp.port,
            protocol: entry.webapp.protocol,
            path: entry.webapp.path,
            healthCheck: entry.webapp.healthCheck,
          },
        }
      : {}),
    capabilities: CAPABILITY_ORDER.filter((c) => capabilities.has(c)),
    tags: [...entry.tags],
    ...(entry.multiUser === undefined ? {} : { multiUser: entry.multiUser }),
    ...(entry.securityContext ? { securityContext: orderedSecurity(entry.securityContext) } : {}),
    ...(entry.home ? { volumeMounts: [{ name: "home", mountPath: entry.home }] } : {}),
  };
  return {
    apiVersion: API_VERSION,
    kind: "Template",
    metadata: { name: entry.name, labels: { [CATEGORY_LABEL]: category.slug } },
    spec,
  };
}

function orderedSecurity(sc: SecuritySpec): SecuritySpec {
  return {
    ...(sc.runAsNonRoot === undefined ? {} : { runAsNonRoot: sc.runAsNonRoot }),
    ...(sc.runAsUser === undefined ? {} : { runAsUser: sc.runAsUser }),
    ...(sc.runAsGroup === undefined ? {} : { runAsGroup: sc.runAsGroup }),
    ...(sc.fsGroup === undefined ? {} : { fsGroup: sc.fsGroup }),
    ...(sc.addCapabilities === undefined ? {} : { addCapabilities: [...sc.addCapabilities] }),
  };
}

/** Where a template lives inside the catalog directory (POSIX separators, for the README and git). */
export function templatePath(doc: TemplateDocument): string {
  return `templates/${doc.metadata.labels[CATEGORY_LABEL]}/${doc.metadata.name}.yaml`;
}
