import type { TemplateSpec } from "./generated/types.js";

/** Where a session's app listens and how to tell it is ready. */
export interface AppEndpoint {
  readonly port: number;
  readonly scheme: "HTTP" | "HTTPS";
  /** HTTP path probed for readiness; absent means a TCP check on the port. */
  readonly healthPath?: string;
  /** Path the user lands on. */
  readonly path: string;
}

/**
 * The Template's appType, or what it declares when it sets none, as the original design's Templates
 * do: a vnc block that is enabled makes a desktop, a webapp block a webapp, both a hybrid.
 */
export function appTypeOf(spec: TemplateSpec): TemplateSpec["appType"] {
  if (spec.appType) return spec.appType;
  const vnc = spec.vnc !== undefined && spec.vnc.enabled !== false;
  const webapp = spec.webapp !== undefined && spec.webapp.enabled !== false;
  if (vnc && webapp) return "hybrid";
  if (webapp) return "webapp";
  return vnc ? "desktop" : undefined;
}

/**
 * A web app (or hybrid) is reached on its web port; a desktop on its VNC port, which for the images
 * we ship (LinuxServer.io, Kasm) is itself a web client. Anything else falls back to the first port.
 */
export function appEndpoint(spec: TemplateSpec): AppEndpoint {
  const webapp = spec.webapp?.enabled === false ? undefined : spec.webapp;
  if (webapp && appTypeOf(spec) !== "desktop") {
    return {
      port: webapp.port,
      scheme: webapp.protocol === "https" ? "HTTPS" : "HTTP",
      path: webapp.path ?? "/",
      ...(webapp.healthCheck ? { healthPath: webapp.healthCheck } : {}),
    };
  }
  const vnc = spec.vnc?.enabled === false ? undefined : spec.vnc;
  if (vnc) return { port: vnc.port ?? 5900, scheme: vnc.encryption ? "HTTPS" : "HTTP", path: "/" };
  const first = spec.ports?.[0]?.containerPort;
  if (first === undefined) {
    throw new Error(
      `template has no port: set spec.webapp.port, spec.vnc.port or spec.ports for appType ${appTypeOf(spec)}`,
    );
  }
  return { port: first, scheme: "HTTP", path: "/" };
}
