// Whether platform admins may open other users' Sessions is the platform's call (gateway.adminAccess,
// off by default). Off: an admin gets no URL for alice's Session, and a ticket that claims admin rights
// is refused by the gateway. On: the admin's URL reaches the app, the connect is in the audit log, and
// a user who is not an admin still gets nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { ephemeralTicketSettings, issueTicket } from "../../src/gateway/ticket.js";
import { useApi } from "../support/api.js";
import { launchStandIn } from "../support/api-sessions.js";
import { ENGINES, type EngineFixture } from "../support/databases.js";
import { browse, get, getSessionObject, useRecordingApp, webAppTemplate } from "../support/gateway.js";
import { useNamespace, waitFor } from "../support/kube.js";
import { TEST_HOST_NETWORK } from "../support/test-host.js";
import { freePort } from "../support/vnc-server.js";

const [pglite] = ENGINES;
if (!pglite) throw new Error("no pglite engine");

/** alice's running Session on a platform where admins may or may not enter. */
function usePlatform(adminAccess: boolean) {
  const ns = useNamespace(`gw-admin-${adminAccess ? "on" : "off"}`);
  const site = useRecordingApp();
  const tickets = ephemeralTicketSettings();
  const h = useApi(
    () => ns.name,
    pglite as EngineFixture,
    async () => ({
      gateway: { tickets, serve: { port: await freePort(), metricsPort: 0, host: "127.0.0.1" } },
      config: { gateway: { backendNetworks: TEST_HOST_NETWORK, adminAccess } },
    }),
  );
  const state = { session: "" };
  beforeAll(async () => {
    state.session = await launchStandIn(h, webAppTemplate(ns.name, "notes"), "alice", site.app);
    await waitFor(
      () =>
        h.api.gateway?.directory.session(ns.name, state.session)?.status?.phase === "Running" || undefined,
      { what: "the gateway sees the running Session", timeoutMs: 15_000 },
    );
  }, 90_000);
  return {
    h,
    state,
    /** The audit log's admin connects by root. */
    audit: async () =>
      (
        await (
          await h.as("root")
        ).get<Array<{ actor: string; target: string }>>("/api/v1/audit?actor=root&action=ADMIN%20CONNECT")
      ).body,
    /** Exchanges a ticket as the API signs it for an admin, whatever the API decided. */
    adminTicketAnswer: async () => {
      const s = await getSessionObject(ns.name, state.session);
      const ticket = issueTicket(tickets, {
        user: "root",
        session: `${ns.name}/${state.session}`,
        uid: s.metadata?.uid ?? "",
        admin: true,
      });
      const origin = `http://ss-${state.session}.localhost:${h.api.gateway?.port}`;
      return (await get(`${origin}/_streamspace/auth?ticket=${ticket}`)).status;
    },
    namespace: () => ns.name,
  };
}

describe("admins, by default (gateway.adminAccess off)", () => {
  const p = usePlatform(false);

  it("get no URL for another user's Session, and nothing is audited", async () => {
    const root = await p.h.as("root");
    expect((await root.get(`/api/v1/sessions/${p.state.session}/connect`)).status).toBe(404);
    expect(await p.audit()).toEqual([]);
  });

  it("are refused at the gateway even with a ticket that says they are admins", async () => {
    expect(await p.adminTicketAnswer()).toBe(403);
  });
});

describe("admins, when the platform lets them in (gateway.adminAccess on)", () => {
  const p = usePlatform(true);

  it("get a URL for another user's Session that reaches its app, and the connect is audited", async () => {
    const root = await p.h.as("root");
    const answer = await root.get<{ url: string }>(`/api/v1/sessions/${p.state.session}/connect`);
    expect(answer.status).toBe(200);
    expect(await browse(answer.body.url)).toMatchObject({ status: 200, body: "hello from the app" });
    expect(await p.audit()).toEqual([
      expect.objectContaining({ actor: "root", target: `${p.namespace()}/${p.state.session}` }),
    ]);
  });

  it("are admitted by the gateway with an admin's ticket", async () => {
    expect(await p.adminTicketAnswer()).toBe(303);
  });

  it("still give a user who is not an admin no URL", async () => {
    const bob = await p.h.as("bob");
    expect((await bob.get(`/api/v1/sessions/${p.state.session}/connect`)).status).toBe(404);
  });
});
