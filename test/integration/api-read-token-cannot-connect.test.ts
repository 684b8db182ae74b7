// Opening a Session hands over its desktop (keyboard, files, the home volume), so connect and the
// per-session forward-auth need a token's 'write' scope: a read-only token may list and look, not take
// control (docs/decisions/0062).
import { beforeAll, describe, expect, it } from "vitest";
import { launched, templateSeen, useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace } from "../support/kube.js";
import { apply, desktopTemplate } from "../support/streamspace.js";

type ErrorBody = { error: string };

describe("a read-only API token and the owner's Session", () => {
  const ns = useNamespace("api-read-token");
  const h = useApi(() => ns.name, ENGINES[0] as (typeof ENGINES)[number]);
  let session = "";
  const tokens: Record<"read" | "write", string> = { read: "", write: "" };

  beforeAll(async () => {
    await apply(desktopTemplate(ns.name, "desk"));
    await templateSeen(h, ns.name, "desk");
    session = await launched(h, "alice", "desk");
    const alice = await h.as("alice");
    for (const scope of ["read", "write"] as const) {
      const scopes = scope === "read" ? ["read"] : ["read", "write"];
      tokens[scope] = (
        await alice.post<{ token: string }>("/api/v1/me/tokens", { name: scope, scopes })
      ).body.token;
    }
  });

  const call = (path: string, scope: "read" | "write") =>
    h.anonymous().request<ErrorBody>("GET", path, undefined, {
      authorization: `Bearer ${tokens[scope]}`,
      origin: undefined,
    });

  it("may read the Session but gets no connect URL", async () => {
    expect((await call(`/api/v1/sessions/${session}`, "read")).status).toBe(200);
    const connect = await call(`/api/v1/sessions/${session}/connect`, "read");
    expect(connect.status).toBe(403);
    expect(connect.body.error).toContain("'write' scope");
    expect(JSON.stringify(connect.body)).not.toContain("ticket");
    expect((await call(`/api/v1/sessions/${session}/connect`, "write")).status).toBe(200);
  });

  it("is refused by the per-session forward-auth", async () => {
    const path = `/api/v1/auth/session-check?session=${ns.name}/${session}`;
    expect((await call(path, "read")).status).toBe(403);
    expect((await call(path, "write")).status).toBe(204);
  });
});
