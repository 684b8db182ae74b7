// Only the Session's owner gets in, with a ticket from the API exchanged for a cookie on the session's
// own origin; everyone and everything else is refused, and the app never sees the portal's cookie.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueTicket, parseSigningKeys } from "../../src/gateway/ticket.js";
import {
  get,
  getSessionObject,
  signIn,
  standInSession,
  startTestGateway,
  type TestGateway,
  ticketFor,
  useRecordingApp,
  webAppTemplate,
} from "../support/gateway.js";
import { useNamespace, waitFor } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";

const ns = useNamespace("gw-owner");
const site = useRecordingApp();
let gw: TestGateway;

beforeAll(async () => {
  await installCrds();
  await apply(webAppTemplate(ns.name, "notes"));
  for (const [name, user] of [
    ["alice-notes", "alice"],
    ["bob-notes", "bob"],
  ] as const)
    await standInSession(ns.name, name, { template: "notes", user }, site.app.address, site.app.port);
  gw = await startTestGateway(ns.name);
}, 60_000);

afterAll(() => gw?.gateway.close());

const PORTAL_COOKIE = "streamspace_login=portal-secret";

describe("the gateway", () => {
  it("lets the owner in with the API's ticket, and the app sees neither the portal cookie nor the gateway's", async () => {
    const cookie = await signIn(gw, ns.name, "alice-notes", "alice");
    const res = await get(`${gw.origin("alice-notes")}/page?x=1`, {
      Cookie: `${cookie}; ${PORTAL_COOKIE}; theme=dark`,
      Authorization: "Bearer portal-api-token",
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe("hello from the app");
    const seen = await waitFor(() => site.app.requests.find((r) => r.url === "/page?x=1"), {
      what: "the app's record",
    });
    expect(seen?.headers.cookie).toBe("theme=dark");
    expect(seen?.headers.authorization).toBeUndefined();
  });

  it("sets a host-only, HttpOnly, partitioned cookie that does not open another session", async () => {
    const ticket = await ticketFor(gw, ns.name, "alice-notes", "alice");
    const res = await get(
      `${gw.origin("alice-notes")}/_streamspace/auth?ticket=${ticket}&next=//evil.example/`,
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/");
    const setCookie = res.headers["set-cookie"]?.[0] ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    // *.localhost is a secure context: the cookie is Secure, partitioned by the portal's site.
    expect(setCookie).toMatch(/; Secure; SameSite=None; Partitioned;/);
    expect(setCookie).not.toMatch(/Domain=/i);
    // Alice's cookie for her session, presented on Bob's session origin.
    const onBob = await get(`${gw.origin("bob-notes")}/`, { Cookie: setCookie.split(";")[0] ?? "" });
    expect(onBob.status).toBe(403);
  });

  it("sends the browser back only to a path on the session's origin, as the browser reads it", async () => {
    for (const next of ["/%09/evil.example/", "/%5Cevil.example/", "https://evil.example/"]) {
      const ticket = await ticketFor(gw, ns.name, "alice-notes", "alice");
      const res = await get(`${gw.origin("alice-notes")}/_streamspace/auth?ticket=${ticket}&next=${next}`);
      expect(res.status).toBe(303);
      expect(res.headers.location, next).toBe("/");
    }
    const ticket = await ticketFor(gw, ns.name, "alice-notes", "alice");
    const res = await get(
      `${gw.origin("alice-notes")}/_streamspace/auth?ticket=${ticket}&next=/page%3Fx%3D1`,
    );
    expect(res.headers.location).toBe("/page?x=1");
  });

  it("refuses anonymous requests, the portal cookie alone, and every wrong ticket", async () => {
    const origin = gw.origin("alice-notes");
    expect((await get(`${origin}/secret-anonymous`)).status).toBe(401);
    expect((await get(`${origin}/secret-portal`, { Cookie: PORTAL_COOKIE })).status).toBe(401);

    const alice = await getSessionObject(ns.name, "alice-notes");
    const uid = alice.metadata?.uid ?? "";
    const key = `${ns.name}/alice-notes`;
    const refused = async (ticket: string) =>
      (await get(`${origin}/_streamspace/auth?ticket=${ticket}`)).status;
    // Another user's ticket for this session (the API would never issue it, but a forger might try).
    expect(await refused(issueTicket(gw.tickets, { user: "bob", session: key, uid }))).toBe(403);
    // Bob's real ticket for his own session, brought to Alice's origin.
    expect(await refused(await ticketFor(gw, ns.name, "bob-notes", "bob"))).toBe(403);
    // Expired.
    expect(
      await refused(issueTicket(gw.tickets, { user: "alice", session: key, uid }, Date.now() - 120_000)),
    ).toBe(403);
    // Signed with a key the gateway does not have.
    const forger = { keys: parseSigningKeys(`test=${Buffer.alloc(32, 7).toString("base64")}`) };
    expect(await refused(issueTicket(forger, { user: "alice", session: key, uid }))).toBe(403);
    // For an earlier Session of the same name (another uid).
    expect(await refused(issueTicket(gw.tickets, { user: "alice", session: key, uid: "an-older-uid" }))).toBe(
      403,
    );
    // Used twice.
    const once = await ticketFor(gw, ns.name, "alice-notes", "alice");
    expect(await refused(once)).toBe(303);
    expect(await refused(once)).toBe(403);
    // The app records requests in order: once the owner's next request is recorded, none refused came before it.
    const cookie = await signIn(gw, ns.name, "alice-notes", "alice");
    expect((await get(`${origin}/marker`, { Cookie: cookie })).status).toBe(200);
    await waitFor(() => site.app.requests.find((r) => r.url === "/marker"), { what: "the marker request" });
    expect(
      site.app.requests.filter((r) => r.url.startsWith("/secret") || r.url.includes("_streamspace")),
    ).toEqual([]);
  });
});
