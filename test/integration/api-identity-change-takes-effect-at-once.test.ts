// Credentials are cached for a few seconds, yet a change made through the API takes effect on the very
// next request of the user it concerns: disabling a user, making them admin, changing their groups,
// revoking their token. On PostgreSQL and PGlite.
import { describe, expect, it } from "vitest";
import { ApiClient, useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace } from "../support/kube.js";

type Me = { name: string; admin: boolean; groups: string[] };

describe.each(ENGINES)("identity changes through the API on $engine", (engine) => {
  const ns = useNamespace(`api-idchg-${engine.engine}`);
  const h = useApi(() => ns.name, engine);

  it("shows new groups and admin rights at once, and refuses a disabled user at once", async () => {
    const root = await h.as("root");
    const bob = await h.as("bob");
    expect((await bob.get<Me>("/api/v1/me")).body).toMatchObject({ admin: false, groups: [] });
    expect((await root.request("PUT", "/api/v1/groups/ops", { members: ["bob"] })).status).toBe(200);
    expect((await bob.get<Me>("/api/v1/me")).body.groups).toEqual(["ops"]);
    expect((await root.request("PATCH", "/api/v1/users/bob", { admin: true })).status).toBe(200);
    expect((await bob.get("/api/v1/groups")).status).toBe(200);
    expect((await root.request("PATCH", "/api/v1/users/bob", { disabled: true })).status).toBe(200);
    expect((await bob.get("/api/v1/me")).status).toBe(401);
  });

  it("refuses a revoked token on its next use", async () => {
    const alice = await h.as("alice");
    const made = await alice.post<{ token: string; info: { id: string } }>("/api/v1/me/tokens", {
      name: "script",
      scopes: ["read"],
    });
    expect(made.status).toBe(201);
    const script = new ApiClient(h.url, { authorization: `Bearer ${made.body.token}` });
    expect((await script.get("/api/v1/sessions")).status).toBe(200);
    expect((await alice.request("DELETE", `/api/v1/me/tokens/${made.body.info.id}`)).status).toBe(204);
    expect((await script.get("/api/v1/sessions")).status).toBe(401);
  });
});
