// The API and the gateway wired as `streamspace api` runs them: one process serves both, the gateway on
// a port of its own, tickets signed with the key the process made at start (no Secret, a local run).
// A user logs in to the API, asks it for their Session's URL, and a client that starts with no cookies
// and keeps them per host follows it to the Session's app (a real HTTP server behind the Session's
// EndpointSlice); another user gets no URL, and the app never sees the portal's login cookie.
import { beforeAll, describe, expect, it } from "vitest";
import { ephemeralTicketSettings } from "../../src/gateway/ticket.js";
import { useApi } from "../support/api.js";
import { launchStandIn } from "../support/api-sessions.js";
import { ENGINES } from "../support/databases.js";
import { browse, get, useRecordingApp, webAppTemplate } from "../support/gateway.js";
import { useNamespace, waitFor } from "../support/kube.js";
import { TEST_HOST_NETWORK } from "../support/test-host.js";
import { freePort } from "../support/vnc-server.js";

const [pglite] = ENGINES;
if (!pglite) throw new Error("no pglite engine");

describe("connect through the API's own gateway", () => {
  const ns = useNamespace("api-connect");
  const site = useRecordingApp();
  let gatewayPort = 0;
  const h = useApi(
    () => ns.name,
    pglite,
    async () => {
      gatewayPort = await freePort();
      return {
        gateway: {
          tickets: ephemeralTicketSettings(),
          serve: { port: gatewayPort, metricsPort: 0, host: "127.0.0.1" },
        },
        // Only the test hosts: the kwok pods' addresses lead nowhere.
        config: { gateway: { backendNetworks: TEST_HOST_NETWORK } },
      };
    },
  );
  let session = "";

  beforeAll(async () => {
    // No reconciler here: the Session is made Running, and the app put behind its Service, by hand.
    session = await launchStandIn(h, webAppTemplate(ns.name, "notes"), "alice", site.app);
    await waitFor(
      () => h.api.gateway?.directory.session(ns.name, session)?.status?.phase === "Running" || undefined,
      {
        what: "the gateway sees the running Session",
        timeoutMs: 15_000,
      },
    );
  }, 90_000);

  it("hands the owner a URL on the session's own origin that, followed without cookies, reaches the app", async () => {
    const alice = await h.as("alice");
    const answer = await alice.get<{ url: string }>(`/api/v1/sessions/${session}/connect`);
    expect(answer.status).toBe(200);
    const url = new URL(answer.body.url);
    expect(url.host).toBe(`ss-${session}.localhost:${gatewayPort}`);
    const jar = new Map<string, string>();
    const page = await browse(answer.body.url, jar);
    expect(page).toMatchObject({ status: 200, body: "hello from the app" });

    // Even a request that carries the portal's login cookie to the session origin (a shared cookie
    // domain would do that) delivers neither it nor the gateway's own cookie to the app.
    const before = site.app.requests.length;
    const again = await get(`${url.origin}/notes`, {
      Cookie: `${jar.get(url.host)}; ${alice.cookie}; theme=dark`,
    });
    expect(again).toMatchObject({ status: 200, body: "hello from the app" });
    const seen = site.app.requests.slice(before);
    expect(seen.map((r) => r.url)).toEqual(["/notes"]);
    expect(seen[0]?.headers.cookie).toBe("theme=dark");
    expect(
      site.app.requests.some((r) => JSON.stringify(r.headers).includes(alice.cookie?.split("=")[1] ?? "?")),
    ).toBe(false);
  });

  it("gives another user no URL: the Session is hidden", async () => {
    const bob = await h.as("bob");
    const answer = await bob.get(`/api/v1/sessions/${session}/connect`);
    expect(answer.status).toBe(404);
  });

  it("gives an anonymous caller no URL", async () => {
    expect((await h.anonymous().get(`/api/v1/sessions/${session}/connect`)).status).toBe(401);
  });
});
