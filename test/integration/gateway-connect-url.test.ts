// The API's connect route and the gateway together: the URL it answers, followed by a client that
// starts with no cookies and keeps them per host, reaches the session's app; another user gets no URL.
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayApiRoutes } from "../../src/gateway/api-routes.js";
import { SessionOrigins } from "../../src/gateway/origin.js";
import {
  browse,
  standInSession,
  startTestGateway,
  type TestGateway,
  useRecordingApp,
  webAppTemplate,
} from "../support/gateway.js";
import { useNamespace } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";

const ns = useNamespace("gw-connect");
const site = useRecordingApp();
let gw: TestGateway;
const api = Fastify();

beforeAll(async () => {
  await installCrds();
  await apply(webAppTemplate(ns.name, "notes"));
  await standInSession(
    ns.name,
    "alice-notes",
    { template: "notes", user: "alice" },
    site.app.address,
    site.app.port,
  );
  gw = await startTestGateway(ns.name);
  // The API's login stands behind currentUser; here a header names the user.
  await api.register(gatewayApiRoutes, {
    currentUser: (req) => {
      const name = req.headers["x-test-user"];
      return typeof name === "string" ? { name } : undefined;
    },
    getSession: (namespace, name) => gw.gateway.directory.session(namespace, name),
    namespace: ns.name,
    origins: new SessionOrigins(`http://localhost:${gw.port}`),
    tickets: gw.tickets,
    metrics: gw.gateway.metrics,
  });
  await gw.gateway.directory.whenSynced();
}, 60_000);

afterAll(async () => {
  await api.close();
  await gw?.gateway.close();
});

describe("connect", () => {
  it("answers the owner a URL that, followed, reaches the session's app", async () => {
    const res = await api.inject({
      url: "/api/v1/sessions/alice-notes/connect",
      headers: { "x-test-user": "alice" },
    });
    expect(res.statusCode).toBe(200);
    const { url } = res.json<{ url: string }>();
    const page = await browse(url);
    expect(page).toMatchObject({ status: 200, body: "hello from the app" });
    // The ticket was spent by that visit: the same URL does not work twice.
    expect((await browse(url)).status).toBe(403);
    expect(
      await gw.gateway.metrics.registry.getSingleMetricAsString("streamspace_gateway_tickets_issued_total"),
    ).toMatch(/streamspace_gateway_tickets_issued_total 1$/m);
  });

  it("gives another user no URL", async () => {
    const res = await api.inject({
      url: "/api/v1/sessions/alice-notes/connect",
      headers: { "x-test-user": "bob" },
    });
    expect(res.statusCode).toBe(404);
  });
});
