import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound } from "../errors.js";

/** Where `npm run build:ui` writes the portal, from src/server/plugins (checkout) or build/src/server/plugins. */
const CANDIDATES = ["../../../build/ui", "../../../ui"].map((up) =>
  fileURLToPath(new URL(up, import.meta.url)),
);

export function defaultUiDir(): string | undefined {
  // assets/ too: the checkout's ui/ folder has an index.html of its own, the unbuilt one.
  return CANDIDATES.find((dir) => existsSync(join(dir, "index.html")) && existsSync(join(dir, "assets")));
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

/**
 * The portal's policy: nothing but our own scripts and styles, no inline script, no plugins, no framing
 * of the portal; frames and WebSockets only towards session origins (the gateway's), which differ from ours.
 */
export function contentSecurityPolicy(sessionOrigins: readonly string[]): string {
  const sessions = sessionOrigins.join(" ");
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // Template icons live on the image publishers' sites.
    "img-src 'self' data: https:",
    "font-src 'self'",
    `connect-src 'self' ${sessions}`.trim(),
    `frame-src ${sessions || "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export interface UiOptions {
  /** The built portal (index.html and assets/). */
  readonly dir: string;
  /**
   * Origins the viewer may frame and connect to, as CSP sources: the gateway's session origins.
   * @default the local run's `http://*.localhost:*` and `https://*.localhost:*`
   */
  readonly sessionOrigins?: readonly string[];
}

/** Session origins of a local run over plain HTTP (`http://<id>.localhost:<port>`); loopback only. */
export const LOCAL_SESSION_ORIGINS = ["http://*.localhost:*", "https://*.localhost:*"];

/** Compressed once at start when that makes the file smaller (text, not the PNG icons). */
type Asset = { body: Buffer; gzip?: Buffer; type: string };

function asset(body: Buffer, type: string): Asset {
  const compressible = type.startsWith("text/") || type.includes("json") || type.includes("svg");
  const gzip = compressible ? gzipSync(body, { level: 9 }) : undefined;
  return gzip && gzip.length < body.length ? { body, gzip, type } : { body, type };
}

/**
 * Serves the built portal at `/`: hashed files under /assets/ are immutable for a year; any other path
 * that is not the API's gets index.html, never cached, so a deploy takes effect at the next load.
 * Everything is read once at start: the build is small and does not change under a running process.
 */
export async function uiPlugin(app: FastifyInstance, options: UiOptions): Promise<void> {
  const assets = new Map<string, Asset>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${entry}/`);
      else
        assets.set(
          `${prefix}${entry}`,
          asset(readFileSync(path), TYPES[extname(entry)] ?? "application/octet-stream"),
        );
    }
  };
  walk(options.dir, "/");
  const index = assets.get("/index.html");
  if (!index) throw new Error(`${options.dir} has no index.html: run npm run build:ui`);
  const csp = contentSecurityPolicy(options.sessionOrigins ?? LOCAL_SESSION_ORIGINS);
  const common = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
  };

  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    file: Asset,
    headers: Record<string, string>,
  ) => {
    const gzip = file.gzip && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    return reply
      .headers({
        ...common,
        ...headers,
        "content-type": file.type,
        vary: "accept-encoding",
        ...(gzip ? { "content-encoding": "gzip" } : {}),
      })
      .send(gzip ? file.gzip : file.body);
  };

  app.get<{ Params: { "*": string } }>(
    "/*",
    { config: { access: "public" }, schema: { hide: true } },
    async (request, reply) => {
      const path = `/${request.params["*"]}`;
      if (path.startsWith("/api/")) throw notFound(`route GET ${path}`);
      const file = assets.get(path);
      if (file && path !== "/index.html") {
        const immutable = path.startsWith("/assets/");
        return send(request, reply, file, {
          "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
        });
      }
      // A missing hashed asset is a 404, not the app: a stale tab must not parse HTML as script.
      if (path.startsWith("/assets/")) throw notFound(`file ${path}`);
      return send(request, reply, index, { "cache-control": "no-cache", "content-security-policy": csp });
    },
  );
}
