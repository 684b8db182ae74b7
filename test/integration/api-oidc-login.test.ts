// OIDC login end to end against a real OpenID provider: authorization code with PKCE, state and nonce
// checked; the user is created on first login with the groups of the claim, and the admin group makes an
// admin. A callback whose state was tampered with is refused. On PostgreSQL and PGlite.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient, useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace } from "../support/kube.js";
import { Browser, startOidcProvider, type TestProvider } from "../support/oidc-provider.js";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const apiPort = await freePort();
const apiUrl = `http://127.0.0.1:${apiPort}`;
const redirectUri = `${apiUrl}/api/v1/auth/oidc/callback`;
let provider: TestProvider;
const providerReady = startOidcProvider({
  id: "streamspace",
  secret: "test-client-secret",
  redirectUri,
  groupsOf: (login) => (login === "carol" ? ["staff", "platform-admins"] : ["staff"]),
}).then((p) => {
  provider = p;
  return p;
});
beforeAll(async () => {
  await providerReady;
});
afterAll(() => provider?.stop());
const issuer = (await providerReady).issuer;

describe.each(ENGINES)("OIDC login on $engine", (engine) => {
  const ns = useNamespace(`api-oidc-${engine.engine}`);
  const h = useApi(() => ns.name, engine, {
    port: apiPort,
    oidc: {
      issuer,
      clientId: "streamspace",
      clientSecret: "test-client-secret",
      redirectUri,
      adminGroup: "platform-admins",
      allowHttp: true,
    },
  });

  it("logs a new user in with PKCE, state and nonce, with the claim's groups; the admin group makes an admin", async () => {
    for (const [login, admin] of [
      ["carol", true],
      ["dave", false],
    ] as const) {
      const browser = new Browser();
      const { visited } = await browser.walk(
        `${h.url}/api/v1/auth/oidc/login?returnTo=/catalog`,
        login,
        (u) => u === `${h.url}/catalog`,
      );
      const authorize = new URL(visited.find((u) => u.startsWith(`${issuer}/auth?`)) ?? "");
      expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
      expect(authorize.searchParams.get("state")).toMatch(/.{20,}/);
      expect(authorize.searchParams.get("nonce")).toMatch(/.{20,}/);
      expect(visited.at(-1)).toBe(`${h.url}/catalog`);
      const client = new ApiClient(h.url);
      client.cookie = `streamspace_login=${browser.cookiesFor(h.url).get("streamspace_login")}`;
      const me = await client.get<{ name: string; admin: boolean; groups: string[] }>("/api/v1/me");
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ name: login, admin });
      expect(me.body.groups).toEqual(admin ? ["platform-admins", "staff"] : ["staff"]);
    }
  });

  it("after the login, sends the browser only to a path on this site, as the browser reads it", async () => {
    const browser = new Browser();
    const { visited } = await browser.walk(
      `${h.url}/api/v1/auth/oidc/login?returnTo=/%09/evil.example/`,
      "gina",
      (u) => !u.startsWith(issuer) && !u.includes("/api/v1/auth/oidc/"),
    );
    expect(visited.at(-1)).toBe(`${h.url}/`);
  });

  it("refuses a callback whose state does not match", async () => {
    const browser = new Browser();
    const { visited } = await browser.walk(`${h.url}/api/v1/auth/oidc/login`, "erin", (u) =>
      u.startsWith(`${h.url}/api/v1/auth/oidc/callback`),
    );
    const callback = new URL(visited.at(-1) ?? "");
    callback.searchParams.set("state", "tampered");
    const res = await browser.fetch(callback.href);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/OIDC login failed/);
    expect(browser.cookiesFor(h.url).has("streamspace_login")).toBe(false);
  });

  it("refuses a callback from a browser that did not start the login", async () => {
    const starter = new Browser();
    const { visited } = await starter.walk(`${h.url}/api/v1/auth/oidc/login`, "frank", (u) =>
      u.startsWith(`${h.url}/api/v1/auth/oidc/callback`),
    );
    const res = await new Browser().fetch(visited.at(-1) ?? "");
    expect(res.status).toBe(401);
  });
});
