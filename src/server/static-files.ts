import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { gzipSync } from "node:zlib";

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

/** A built file, compressed once at start when that makes it smaller (text, not the PNG icons). */
export interface Asset {
  readonly body: Buffer;
  readonly gzip?: Buffer;
  readonly type: string;
}

function asset(body: Buffer, type: string): Asset {
  const compressible = type.startsWith("text/") || type.includes("json") || type.includes("svg");
  const gzip = compressible ? gzipSync(body, { level: 9 }) : undefined;
  return gzip && gzip.length < body.length ? { body, gzip, type } : { body, type };
}

/**
 * Every file of a Vite build by its path ("/index.html", "/assets/x-1a2b.js"), read once: the builds
 * (the portal, the viewer) are small and do not change under a running process.
 */
export function readBuild(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${entry}/`);
      else
        assets.set(
          `${prefix}${entry}`,
          asset(readFileSync(path), TYPES[extname(entry)] ?? "application/octet-stream"),
        );
    }
  };
  walk(dir, "/");
  return assets;
}

/** The body to send for an Accept-Encoding, and the headers that go with it. */
export function encoded(
  file: Asset,
  acceptEncoding: string | string[] | undefined,
): { body: Buffer; headers: Record<string, string> } {
  const gzip = file.gzip !== undefined && /\bgzip\b/.test(String(acceptEncoding ?? ""));
  return {
    body: gzip && file.gzip ? file.gzip : file.body,
    headers: {
      "content-type": file.type,
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    },
  };
}
