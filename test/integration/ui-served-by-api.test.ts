// `streamspace api` serves the built portal at `/`: hashed assets cached for a year as immutable, the page
// itself never cached and under a strict Content-Security-Policy, client-side routes answered with the
// page, text compressed for clients that accept gzip, and unknown API paths or missing assets answered with 404 rather than the page.
import { expect, test } from "vitest";
import { usePortal } from "../support/portal.js";

const portal = usePortal("ui-served-by-api");

test("index.html: no-cache, strict CSP, and the same page for client-side routes", async () => {
  for (const path of ["/", "/sessions", "/admin/audit"]) {
    const res = await fetch(`${portal.api.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await res.text()).toContain('<div id="root"></div>');
  }
});

test("hashed assets are immutable for a year; a missing one and an unknown API path are 404", async () => {
  const html = await (await fetch(portal.api.url)).text();
  const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  const asset = await fetch(`${portal.api.url}${script}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  // fetch asks for gzip and undoes it: the header says it travelled compressed.
  expect(asset.headers.get("content-encoding")).toBe("gzip");

  const stale = await fetch(`${portal.api.url}/assets/index-gone.js`);
  expect(stale.status).toBe(404);
  const api = await fetch(`${portal.api.url}/api/v1/no-such-route`);
  expect(api.status).toBe(404);
  expect(api.headers.get("content-type")).toContain("application/json");
});
