import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound } from "../errors.js";
import { type Asset, encoded, readBuild } from "../static-files.js";

/** Where `npm run build:ui` writes the portal, from src/server/plugins (checkout) or build/src/server/plugins. */
const CANDIDATES = ["../../../build/ui", "../../../ui"].map((up) =>
  fileURLToPath(new URL(up, import.meta.url)),
);

export function defaultUiDir(): string | undefined {
  // assets/ too: the checkout's ui/ folder has an index.html of its own, the unbuilt one.
  return CANDIDATES.find((dir) => existsSync(join(dir, "index.html")) && existsSync(join(dir, "assets")));
}

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

/**
 * Serves the built portal at `/`: hashed files under /assets/ are immutable for a year; any other path
 * that is not the API's gets index.html, never cached, so a deploy takes effect at the next load.
 * Everything is read once at start: the build is small and does not change under a running process.
 */
export async function uiPlugin(app: FastifyInstance, options: UiOptions): Promise<void> {
  const assets = readBuild(options.dir);
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
    const { body, headers: encoding } = encoded(file, request.headers["accept-encoding"]);
    return reply.headers({ ...common, ...headers, ...encoding }).send(body);
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
