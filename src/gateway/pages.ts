import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}" +
  "@media (prefers-color-scheme:dark){body{background:#111;color:#eee}}";

/**
 * A page of the gateway's own (refusals, "starting"): no external resources, and a CSP that allows only
 * the page's own inline script and style (by nonce), so it can be served on a session's origin safely.
 */
export function sendPage(
  res: ServerResponse,
  status: number,
  title: string,
  message: string,
  opts: { script?: string; headers?: Record<string, string> } = {},
): void {
  const nonce = randomBytes(12).toString("base64");
  const script = opts.script ? `<script nonce="${nonce}">${opts.script}</script>` : "";
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1><p id="message">${escapeHtml(message)}</p>${script}</body></html>`;
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Security-Policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'`,
    ...opts.headers,
  });
  res.end(body);
}

/**
 * The page a browser gets while its Session wakes: it follows `/_streamspace/events` and reloads itself
 * once the session is ready, or shows the reason if it fails.
 */
export function sendStartingPage(res: ServerResponse, phase: string): void {
  const script = `
const m = document.getElementById("message");
const es = new EventSource("/_streamspace/events");
es.addEventListener("state", (e) => {
  const s = JSON.parse(e.data);
  if (s.state === "ready") { es.close(); location.reload(); return; }
  if (s.state === "unavailable") { es.close(); document.title = s.reason; }
  m.textContent = s.message || ("Starting: " + s.phase);
});`;
  sendPage(res, 503, "Starting your session", `Starting: ${phase}`, {
    script,
    headers: { "Retry-After": "5" },
  });
}
