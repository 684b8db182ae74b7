/**
 * Catalog categories and the resources each one gets by default.
 *
 * A category fixes a template's folder (catalog/templates/<slug>/), the human name shown in the UI
 * (spec.category) and the default requests/limits. Defaults live here, not in each entry, so that a
 * whole class of apps can be resized in one place; an entry overrides only when it is an outlier
 * (a video editor among audio players, a PS3 emulator among DOS games).
 */

/** A CPU and memory pair, as Kubernetes quantity strings. */
export interface Quantities {
  readonly cpu: string;
  readonly memory: string;
}

export interface ResourceProfile {
  readonly requests: Quantities;
  readonly limits: Quantities;
}

/**
 * Named sizes. Requests are half the limits so a node packs sessions by typical use while a burst
 * (opening a large file, compiling) still fits under the limit.
 */
export const RESOURCE_PROFILES = {
  /** Single-window tools that mostly wait on the network or disk. */
  light: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
  /** Browsers and everyday apps: the SPEC's 2Gi / 1 CPU. */
  standard: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } },
  /** IDEs, image editors, full desktops: the SPEC's development default, 4Gi / 2 CPU. */
  workstation: { requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "2", memory: "4Gi" } },
  /** 3D, video editing and modern-console emulation: the SPEC's ceiling, 8Gi / 4 CPU. */
  heavy: { requests: { cpu: "2", memory: "4Gi" }, limits: { cpu: "4", memory: "8Gi" } },
} as const satisfies Record<string, ResourceProfile>;

export type ResourceProfileName = keyof typeof RESOURCE_PROFILES;

/** What a Template may declare it uses; the values of spec.capabilities. */
export type Capability = "Network" | "Audio" | "Clipboard" | "USB" | "Printing" | "GPU";

export interface Category {
  /** Folder name and label value; a DNS-1123 label. */
  readonly slug: string;
  /** spec.category, as shown in the catalog. */
  readonly name: string;
  readonly resources: ResourceProfileName;
  /** Capabilities every app in the category gets on top of its image family's. */
  readonly capabilities: readonly Capability[];
}

/** In display order: the README lists categories in this order. */
export const CATEGORIES = [
  { slug: "browsers", name: "Browsers", resources: "standard", capabilities: [] },
  { slug: "development", name: "Development", resources: "workstation", capabilities: [] },
  { slug: "design-graphics", name: "Design & Graphics", resources: "workstation", capabilities: [] },
  { slug: "3d-cad", name: "3D & CAD", resources: "heavy", capabilities: ["GPU"] },
  { slug: "audio-video", name: "Audio & Video", resources: "workstation", capabilities: [] },
  { slug: "productivity", name: "Productivity & Office", resources: "standard", capabilities: ["Printing"] },
  { slug: "communication", name: "Communication", resources: "standard", capabilities: [] },
  { slug: "desktop-environments", name: "Desktop Environments", resources: "workstation", capabilities: [] },
  { slug: "gaming", name: "Gaming", resources: "workstation", capabilities: ["GPU", "USB"] },
  { slug: "file-management", name: "File Management", resources: "light", capabilities: [] },
  { slug: "remote-access", name: "Remote Access", resources: "light", capabilities: [] },
  { slug: "security-network", name: "Security & Networking", resources: "workstation", capabilities: [] },
  { slug: "databases", name: "Databases & Admin", resources: "standard", capabilities: [] },
  { slug: "science-education", name: "Science & Education", resources: "workstation", capabilities: [] },
  { slug: "utilities", name: "Utilities", resources: "light", capabilities: [] },
] as const satisfies readonly Category[];

export type CategorySlug = (typeof CATEGORIES)[number]["slug"];

const bySlug = new Map<string, Category>(CATEGORIES.map((c) => [c.slug, c]));

export function categoryBySlug(slug: string): Category | undefined {
  return bySlug.get(slug);
}
