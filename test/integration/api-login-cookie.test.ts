// A browser login: the password sets an HttpOnly SameSite cookie bound to a server-side row; logout and
// "sign out everywhere" really end it; a forged cookie is a 401; wrong passwords and unknown users get the
// same answer; cookie-authenticated writes need our own Origin. On PostgreSQL and PGlite.
import { beforeAll, describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace } from "../support/kube.js";
import { installCrds } from "../support/streamspace.js";

beforeAll(() => installCrds());

describe.each(ENGINES)("login cookie on $engine", (engine) => {
  const ns = useNamespace(`api-login-${engine.engine}`);
  const h = useApi(() => ns.name, engine);

  it("sets an HttpOnly, SameSite cookie that /me accepts, without Secure over plain HTTP", async () => {
    const client = h.anonymous();
    const answer = await client.login("alice");
    expect(answer.status).toBe(200);
    const cookie = answer.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^streamspace_login=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
    const me = await client.get<{ name: string; admin: boolean }>("/api/v1/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: "alice", admin: false });
  });

  it("believes X-Forwarded-Proto only from a trusted proxy (none here)", async () => {
    const client = new ApiClient(h.url, { "x-forwarded-proto": "https" });
    const plain = await client.login("alice");
    expect(plain.headers.get("set-cookie")).not.toContain("Secure");
  });

  it("answers a wrong password and an unknown user alike", async () => {
    const wrong = await h.anonymous().login("alice", "not the password");
    const unknown = await h.anonymous().login("nobody-here", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("refuses a forged cookie with 401 and clears it", async () => {
    const client = h.anonymous();
    client.cookie = `streamspace_login=${"A".repeat(43)}`;
    const me = await client.get("/api/v1/me");
    expect(me.status).toBe(401);
    expect(me.headers.get("set-cookie")).toContain("Max-Age=0");
  });

  it("accepts a write with our Origin and refuses a foreign or missing one with 403", async () => {
    const client = await h.as("alice");
    const ok = await client.request("POST", "/api/v1/me/tokens", { name: "t", scopes: ["read"] });
    expect(ok.status).toBe(201);
    const foreign = await client.request(
      "POST",
      "/api/v1/me/tokens",
      { name: "t", scopes: ["read"] },
      { origin: "https://evil.example" },
    );
    expect(foreign.status).toBe(403);
    const missing = await client.request(
      "POST",
      "/api/v1/me/tokens",
      { name: "t", scopes: ["read"] },
      { origin: undefined },
    );
    expect(missing.status).toBe(403);
  });

  it("logout ends this login only; sign out everywhere ends all", async () => {
    const first = await h.as("bob");
    const second = await h.as("bob");
    const third = await h.as("bob");
    expect((await first.post("/api/v1/auth/logout")).status).toBe(204);
    expect((await first.get("/api/v1/me")).status).toBe(401);
    expect((await second.get("/api/v1/me")).status).toBe(200);
    const all = await second.post<{ ended: number }>("/api/v1/auth/logout-all");
    expect(all.status).toBe(200);
    expect(all.body.ended).toBe(2);
    expect((await second.get("/api/v1/me")).status).toBe(401);
    expect((await third.get("/api/v1/me")).status).toBe(401);
  });

  it("locks a user name after repeated failures, known or not, until the window passes", async () => {
    for (const name of ["root", "ghost-user"]) {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await h.anonymous().login(name, "wrong password")).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    }
    // Even the right password is refused while locked.
    expect((await h.anonymous().login("root", PASSWORD)).status).toBe(429);
  });
});

describe("login cookie behind a trusted TLS proxy", () => {
  const ns = useNamespace("api-login-tls");
  const h = useApi(() => ns.name, ENGINES[0] as (typeof ENGINES)[number], { trustedProxies: ["127.0.0.1"] });

  it("marks the cookie Secure when the platform is reached over HTTPS", async () => {
    const base = h.url.replace("http:", "https:");
    const client = new ApiClient(h.url, { "x-forwarded-proto": "https", origin: base });
    const answer = await client.login("alice");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("set-cookie")).toContain("; Secure");
  });
});
