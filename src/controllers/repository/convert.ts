import { API_GROUP, API_VERSION as SCHEMA_VERSION } from "../../api/schemas/index.js";

// Templates in the format of StreamSpace's predecessor (the `stream.space` API group) are still found
// in template repositories. They are converted on import, each change named in a warning, rather than
// rejected, so an old repository keeps working while its owner updates it.

export const LEGACY_API_VERSION = "stream.space/v1alpha1";
export const API_VERSION = `${API_GROUP}/${SCHEMA_VERSION}`;

export interface Conversion {
  readonly document: Record<string, unknown>;
  /** One warning per change, each naming the field it concerns. */
  readonly notes: ReadonlyArray<{ field: string; message: string }>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The current form of a Template written in the older format: `apiVersion: stream.space/v1alpha1`;
 * a `kasmvnc` block instead of `vnc` (KasmVNC speaks websocket, and an app whose KasmVNC is
 * disabled serves HTTP itself, so `appType` follows from it); flat `defaultResources: {memory, cpu}`,
 * which the older controller gave its containers as both request and limit.
 */
export function convertLegacyTemplate(input: Record<string, unknown>): Conversion {
  const notes: Array<{ field: string; message: string }> = [];
  const spec: Record<string, unknown> = isObject(input.spec) ? { ...input.spec } : {};
  notes.push({
    field: "apiVersion",
    message: `the older format (${LEGACY_API_VERSION}) was converted to ${API_VERSION}; update the file`,
  });

  if ("kasmvnc" in spec) {
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
    } else {
      if (spec.vnc === undefined) {
        spec.vnc = { enabled: true, ...(port !== undefined ? { port } : {}), protocol: "websocket" };
      }
      if (spec.appType === undefined) spec.appType = "desktop";
      notes.push({
        field: "spec.kasmvnc",
        message: "converted to spec.vnc (protocol websocket, appType desktop)",
      });
    }
  }

  const resources = spec.defaultResources;
  if (isObject(resources) && !("requests" in resources) && !("limits" in resources)) {
    const flat = Object.fromEntries(
      Object.entries(resources).filter(([key]) => key === "cpu" || key === "memory"),
    );
    spec.defaultResources = { requests: flat, limits: { ...flat } };
    notes.push({
      field: "spec.defaultResources",
      message: "flat {memory, cpu} converted to requests and limits of the same amounts",
    });
  }

  return { document: { ...input, apiVersion: API_VERSION, spec }, notes };
}
