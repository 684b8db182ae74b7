// The API's gateway routes: connect hands the owner a ticket URL on the session's origin; session-check
// admits the owner only. The logged-in user comes from a header here, as the API's login will provide it.
import { randomBytes } from "node:crypto";
import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import type { Session } from "../../src/api/generated/types.js";
import { gatewayApiRoutes } from "../../src/gateway/api-routes.js";
import { SessionOrigins } from "../../src/gateway/origin.js";
import { parseSigningKeys, verifyTicket } from "../../src/gateway/ticket.js";

const tickets = { keys: parseSigningKeys(`k1=${randomBytes(32).toString("base64")}`) };
const origins = new SessionOrigins("http://localhost:8082");
const sessions: Record<string, Session> = {
  "streamspace/alice-desk": {
    metadata: { namespace: "streamspace", name: "alice-desk", uid: "u-1" },
    spec: { user: "alice", template: "desk" },
  },
};
const app = Fastify();
await app.register(gatewayApiRoutes, {
  currentUser: (req) => {
    const name = req.headers["x-test-user"];
    return typeof name === "string" ? { name } : undefined;
  },
  getSession: (ns, name) => sessions[`${ns}/${name}`],
  namespace: "streamspace",
  origins,
  tickets,
});
afterAll(() => app.close());

describe("GET /api/v1/sessions/{name}/connect", () => {
  it("gives the owner a URL on the session's origin carrying a ticket for that Session", async () => {
    const res = await app.inject({
      url: "/api/v1/sessions/alice-desk/connect",
      headers: { "x-test-user": "alice" },
    });
    expect(res.statusCode).toBe(200);
    const url = new URL(res.json<{ url: string }>().url);
    expect(url.origin).toBe("http://ss-alice-desk.localhost:8082");
    const ticket = verifyTicket(tickets, url.searchParams.get("ticket") ?? "", "streamspace/alice-desk");
    expect(ticket).toMatchObject({ user: "alice", uid: "u-1" });
  });

  it("answers another user as if the session did not exist, and an anonymous caller with 401", async () => {
    const bob = await app.inject({
      url: "/api/v1/sessions/alice-desk/connect",
      headers: { "x-test-user": "bob" },
    });
    expect(bob.statusCode).toBe(404);
    expect(bob.body).not.toContain("ticket");
    expect((await app.inject({ url: "/api/v1/sessions/alice-desk/connect" })).statusCode).toBe(401);
  });
});

describe("GET /api/v1/auth/session-check", () => {
  const check = (user?: string, session = "streamspace/alice-desk") =>
    app.inject({
      url: `/api/v1/auth/session-check?session=${encodeURIComponent(session)}`,
      headers: user ? { "x-test-user": user } : {},
    });

  it("admits the owner (2xx) and refuses others (403) and anonymous callers (401)", async () => {
    const owner = await check("alice");
    expect(owner.statusCode).toBe(204);
    expect(owner.headers["x-auth-request-user"]).toBe("alice");
    expect((await check("bob")).statusCode).toBe(403);
    expect((await check(undefined)).statusCode).toBe(401);
    expect((await check("alice", "streamspace/missing")).statusCode).toBe(403);
  });

  it("names the parameter when it is malformed", async () => {
    const res = await check("alice", "no-namespace");
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: string }>().error).toMatch(/session must be <namespace>\/<name>/);
  });
});
