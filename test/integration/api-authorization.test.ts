// Every operation of the OpenAPI document, called as anonymous, another user, the owner and an admin:
// each caller gets exactly the access the table below grants, and no user reads or changes another's
// Session (a 404, as if it did not exist). A route added without a row here fails the test.
import { beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, launched, type TestUser, templateSeen, useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace } from "../support/kube.js";
import { apply, desktopTemplate, installCrds } from "../support/streamspace.js";

type Access = "public" | "user" | "owner" | "admin" | "owner-only" | "owner-check";

/**
 * Who may call what. `owner`: a logged-in user, on their own Session only (and admins). `owner-only`: the
 * owner alone, not even an admin, the Session hidden from others (404); `owner-check`: the same, as
 * forward-auth says it (403). The gateway admits a Session's owner only (docs/decisions/0080).
 */
const EXPECTED: Record<string, Access> = {
  "GET /healthz": "public",
  "GET /readyz": "public",
  "GET /version": "public",
  "GET /metrics": "public",
  "GET /api/v1/auth/providers": "public",
  "POST /api/v1/auth/login": "public",
  "GET /api/v1/auth/oidc/login": "public",
  "GET /api/v1/auth/oidc/callback": "public",
  "POST /api/v1/auth/logout": "user",
  "POST /api/v1/auth/logout-all": "user",
  "GET /api/v1/me": "user",
  "GET /api/v1/me/tokens": "user",
  "POST /api/v1/me/tokens": "user",
  "DELETE /api/v1/me/tokens/{id}": "user",
  "GET /api/v1/sessions": "user",
  "POST /api/v1/sessions": "user",
  "GET /api/v1/live/sessions": "user",
  "GET /api/v1/sessions/{name}": "owner",
  "POST /api/v1/sessions/{name}/hibernate": "owner",
  "POST /api/v1/sessions/{name}/wake": "owner",
  "POST /api/v1/sessions/{name}/terminate": "owner",
  "GET /api/v1/sessions/{name}/events": "owner",
  "GET /api/v1/sessions/{name}/connect": "owner-only",
  "GET /api/v1/auth/session-check": "owner-check",
  "GET /api/v1/templates": "user",
  "GET /api/v1/templates/{name}": "user",
  "PUT /api/v1/templates/{name}/favorite": "user",
  "DELETE /api/v1/templates/{name}/favorite": "user",
  "GET /api/v1/catalog/categories": "user",
  "GET /api/v1/catalog/favorites": "user",
  "GET /api/v1/catalog/recent": "user",
  "GET /api/v1/admin/sessions": "admin",
  "GET /api/v1/users/{name}/sessions": "admin",
  "GET /api/v1/repositories": "admin",
  "POST /api/v1/repositories": "admin",
  "GET /api/v1/repositories/{name}": "admin",
  "PUT /api/v1/repositories/{name}": "admin",
  "DELETE /api/v1/repositories/{name}": "admin",
  "POST /api/v1/repositories/{name}/sync": "admin",
  "GET /api/v1/quotas": "admin",
  "POST /api/v1/quotas": "admin",
  "GET /api/v1/quotas/usage": "admin",
  "GET /api/v1/quotas/{name}": "admin",
  "PUT /api/v1/quotas/{name}": "admin",
  "DELETE /api/v1/quotas/{name}": "admin",
  "GET /api/v1/users": "admin",
  "POST /api/v1/users": "admin",
  "PATCH /api/v1/users/{name}": "admin",
  "GET /api/v1/groups": "admin",
  "PUT /api/v1/groups/{name}": "admin",
  "GET /api/v1/settings": "admin",
  "PATCH /api/v1/settings": "admin",
  "GET /api/v1/audit": "admin",
  "GET /api/v1/nodes": "admin",
};

type Caller = "anonymous" | "other" | "owner" | "admin";
const LOGIN: Record<Exclude<Caller, "anonymous">, TestUser> = { other: "bob", owner: "alice", admin: "root" };

/** Refused outright (401), refused as not allowed (403), or hidden (404); anything else got through. */
function verdict(status: number): "unauthenticated" | "forbidden" | "hidden" | "allowed" {
  return status === 401
    ? "unauthenticated"
    : status === 403
      ? "forbidden"
      : status === 404
        ? "hidden"
        : "allowed";
}

function expected(access: Access, caller: Caller): ReturnType<typeof verdict> {
  if (access === "public") return "allowed";
  if (caller === "anonymous") return "unauthenticated";
  if (access === "admin") return caller === "admin" ? "allowed" : "forbidden";
  if (access === "owner-only") return caller === "owner" ? "allowed" : "hidden";
  if (access === "owner-check") return caller === "owner" ? "allowed" : "forbidden";
  if (access === "owner" && caller === "other") return "hidden";
  return "allowed";
}

describe.each(ENGINES)("authorization of every route on $engine", (engine) => {
  const ns = useNamespace(`api-authz-${engine.engine}`);
  const h = useApi(() => ns.name, engine, { throttle: { perAddressPerMinute: 100_000 } });
  let session = "";

  beforeAll(async () => {
    await installCrds();
    await apply(desktopTemplate(ns.name, "desk"));
    for (const name of ["repo", "quota"])
      await apply(
        name === "repo"
          ? {
              apiVersion: "stream.streamspace.io/v1alpha1",
              kind: "TemplateRepository",
              metadata: { name, namespace: ns.name },
              spec: { url: "https://example.invalid/t.git", suspend: true },
            }
          : {
              apiVersion: "stream.streamspace.io/v1alpha1",
              kind: "Quota",
              metadata: { name, namespace: ns.name },
              spec: { limits: { maxSessions: 50 } },
            },
      );
    await templateSeen(h, ns.name, "desk");
    session = await launched(h, "alice", "desk");
  });

  it("the table covers exactly the routes of the OpenAPI document", async () => {
    const doc = (await h.anonymous().get<{ paths: Record<string, object> }>("/api/openapi.json")).body;
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("each caller gets exactly the access the table grants", async () => {
    const callers: Caller[] = ["anonymous", "other", "owner", "admin"];
    // Deletions last, so the objects the other calls name still exist.
    const operations = Object.entries(EXPECTED).sort(
      ([a], [b]) => Number(a.startsWith("DELETE")) - Number(b.startsWith("DELETE")),
    );
    const wrong: string[] = [];
    for (const [operation, access] of operations) {
      const [method = "", template = ""] = operation.split(" ");
      for (const caller of callers) {
        // A fresh login per call: logout and sign-out-everywhere must not end the next call's login.
        const client: ApiClient = caller === "anonymous" ? h.anonymous() : await h.as(LOGIN[caller]);
        let tokenId = "none";
        if (template.includes("{id}") && caller !== "anonymous") {
          tokenId = (
            await client.post<{ info: { id: string } }>("/api/v1/me/tokens", { name: "x", scopes: ["read"] })
          ).body.info.id;
        }
        const path = template
          .replace("/sessions/{name}", `/sessions/${session}`)
          .replace("/templates/{name}", "/templates/desk")
          .replace("/repositories/{name}", "/repositories/repo")
          .replace("/quotas/{name}", "/quotas/quota")
          .replace("/users/{name}", "/users/alice")
          .replace("/groups/{name}", "/groups/staff")
          .replace("{id}", tokenId)
          .replace("/auth/session-check", `/auth/session-check?session=${ns.name}/${session}`);
        const answer = await client.request(
          method,
          path,
          method === "GET" || method === "DELETE" ? undefined : {},
          {},
          { headersOnly: path.includes("/live/") },
        );
        const got = verdict(answer.status);
        const want = expected(access, caller);
        if (got !== want) wrong.push(`${operation} as ${caller}: ${answer.status} (${got}), want ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("another user's lists never include the owner's Session", async () => {
    const bob = await h.as("bob");
    const mine = await bob.get<Array<{ name: string }>>("/api/v1/sessions");
    expect(mine.status).toBe(200);
    expect(mine.body.map((s) => s.name)).not.toContain(session);
    const alice = await h.as("alice");
    expect((await alice.get<Array<{ name: string }>>("/api/v1/sessions")).body.map((s) => s.name)).toContain(
      session,
    );
  });
});
