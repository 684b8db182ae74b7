import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Asset, encoded, readBuild } from "../server/static-files.js";
import { sendPage } from "./pages.js";

/** Where the noVNC viewer's build lands (`npm run build:ui`), from src/gateway or build/src/gateway. */
const CANDIDATES = ["../../build/ui-viewer", "../../ui-viewer"].map((up) =>
  fileURLToPath(new URL(up, import.meta.url)),
);

export function defaultViewerDir(): string | undefined {
  return CANDIDATES.find((dir) => existsSync(join(dir, "index.html")));
}

export const VIEWER_PREFIX = "/_streamspace/viewer/";

/**
 * The viewer's policy on a session origin: its own scripts and styles only, its WebSocket and requests
 * to this origin alone (`ws:`/`wss:` named, as `'self'` does not cover them in every browser), and
 * framed only by the portal when its origin is known (docs/decisions/0101).
 */
export function viewerPolicy(sessionOrigin: string, portalOrigins: readonly string[]): string {
  const socket = sessionOrigin.replace(/^http/, "ws");
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    `connect-src 'self' ${socket}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    ...(portalOrigins.length > 0 ? [`frame-ancestors 'self' ${portalOrigins.join(" ")}`] : []),
  ].join("; ");
}

/**
 * The noVNC viewer, served by the gateway under /_streamspace/viewer/ on every session origin once the
 * request is admitted, so its WebSocket to the VNC bridge is same-origin (docs/decisions/0092).
 */
export class ViewerFiles {
  private readonly files: Map<string, Asset>;

  constructor(
    dir: string | undefined,
    private readonly portalOrigins: readonly string[],
  ) {
    this.files = dir ? readBuild(dir) : new Map();
  }

  /** Answers a GET of `path` (below VIEWER_PREFIX) for the session at `sessionOrigin`. */
  serve(req: IncomingMessage, res: ServerResponse, path: string, sessionOrigin: string): void {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    if (this.files.size === 0) {
      sendPage(res, 404, "No viewer", "This gateway has no viewer build (npm run build:ui).");
      return;
    }
    const rest = path.slice(VIEWER_PREFIX.length - 1);
    const name = rest === "/" ? "/index.html" : rest;
    const file = this.files.get(name);
    if (!file) {
      sendPage(res, 404, "Not found", "The viewer has no such file.");
      return;
    }
    const { body, headers } = encoded(file, req.headers["accept-encoding"]);
    res.writeHead(200, {
      ...headers,
      "cache-control": name.startsWith("/assets/") ? "private, max-age=31536000, immutable" : "no-cache",
      "content-security-policy": viewerPolicy(sessionOrigin, this.portalOrigins),
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }
}
