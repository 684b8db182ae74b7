import { API_GROUP, API_VERSION as SCHEMA_VERSION } from "../../api/schemas/index.js";

// Templates in the forms of StreamSpace's original design are still found in template repositories:
// the `stream.space` API group, and the current group with the older fields (a `kasmvnc` block, flat
// `defaultResources`, a home mount named `user-home`), names that are not DNS names. They are
// converted on import, each change named in a warning, rather than rejected, so an old repository
// keeps working while its owner updates it (docs/decisions/0042).

export const LEGACY_API_VERSION = "stream.space/v1alpha1";
export const API_VERSION = `${API_GROUP}/${SCHEMA_VERSION}`;

export interface Conversion {
  readonly document: Record<string, unknown>;
  /** One warning per change, each naming the field it concerns. */
  readonly notes: ReadonlyArray<{ field: string; message: string }>;
}

type Notes = Array<{ field: string; message: string }>;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** KasmVNC speaks websocket, and an app whose KasmVNC is disabled serves HTTP itself. */
function convertKasmvnc(spec: Record<string, unknown>, notes: Notes): void {
  if (!("kasmvnc" in spec)) return;
  const kasm = isObject(spec.kasmvnc) ? spec.kasmvnc : {};
  delete spec.kasmvnc;
  const port = kasm.port;
  if (kasm.enabled === false) {
    if (spec.appType === undefined && port !== undefined) {
      spec.appType = "webapp";
      if (spec.webapp === undefined) spec.webapp = { port };
    }
    notes.push({
      field: "spec.kasmvnc",
      message: `kasmvnc is disabled: converted to appType webapp${port !== undefined ? ` on port ${port}` : ""}`,
    });
    return;
  }
  if (spec.vnc === undefined) {
    spec.vnc = { enabled: true, ...(port !== undefined ? { port } : {}), protocol: "websocket" };
  }
  if (spec.appType === undefined) spec.appType = "desktop";
  notes.push({
    field: "spec.kasmvnc",
    message: "converted to spec.vnc (protocol websocket, appType desktop)",
  });
}

/** The older controller gave its containers flat `{memory, cpu}` as both request and limit. */
function convertFlatResources(spec: Record<string, unknown>, notes: Notes): void {
  const resources = spec.defaultResources;
  if (!isObject(resources) || "requests" in resources || "limits" in resources) return;
  const flat = Object.fromEntries(
    Object.entries(resources).filter(([key]) => key === "cpu" || key === "memory"),
  );
  spec.defaultResources = { requests: flat, limits: { ...flat } };
  notes.push({
    field: "spec.defaultResources",
    message: "flat {memory, cpu} converted to requests and limits of the same amounts",
  });
}

/** The original design's home mount is `user-home`; ours is `home` (docs/decisions/0041). */
function convertHomeMount(spec: Record<string, unknown>, notes: Notes): void {
  const mounts = spec.volumeMounts;
  if (!Array.isArray(mounts) || mounts.some((m) => isObject(m) && m.name === "home")) return;
  spec.volumeMounts = mounts.map((mount, i) => {
    if (!isObject(mount) || mount.name !== "user-home") return mount;
    notes.push({
      field: `spec.volumeMounts[${i}].name`,
      message: "user-home was renamed home, the mount backed by the user's home volume",
    });
    return { ...mount, name: "home" };
  });
}

/**
 * The current form of a Template written in an older one. A document already in the current form
 * comes back unchanged, with no notes.
 */
export function convertTemplate(input: Record<string, unknown>): Conversion {
  const notes: Notes = [];
  if (input.apiVersion === LEGACY_API_VERSION) {
    notes.push({
      field: "apiVersion",
      message: `the older format (${LEGACY_API_VERSION}) was converted to ${API_VERSION}; update the file`,
    });
  }
  const spec: Record<string, unknown> = isObject(input.spec) ? { ...input.spec } : {};
  convertKasmvnc(spec, notes);
  convertFlatResources(spec, notes);
  convertHomeMount(spec, notes);
  if (notes.length === 0) return { document: input, notes };
  return { document: { ...input, apiVersion: API_VERSION, spec }, notes };
}

// A DNS label: what a Session's spec.template can name.
const LABEL_MAX = 63;

/**
 * A DNS-label name for a legacy name that is not a valid one (`your_spotify` → `your-spotify`):
 * lower case, every run of other characters one `-`, trimmed; undefined when nothing is left.
 */
export function dnsLabelFor(name: string): string | undefined {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, LABEL_MAX)
    .replace(/^-+|-+$/g, "");
  return label === "" ? undefined : label;
}
