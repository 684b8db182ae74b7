// `streamspace api`, the command itself, serves the gateway on its own port in the same process and,
// with no ticket keys given (a local run), signs with a key of its own that its gateway accepts: the URL
// `connect` answers is on http://<id>.localhost:<gateway port> and, followed, reaches the Session's app.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiClient } from "../support/api.js";
import { type ApiCommand, startApiCommand } from "../support/api-command.js";
import { browse, serveSessionFrom, setPhase, useRecordingApp, webAppTemplate } from "../support/gateway.js";
import { useNamespace, waitFor } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";
import { TEST_HOST_NETWORK } from "../support/test-host.js";

const ns = useNamespace("api-cli-gw");
const site = useRecordingApp();
let api: ApiCommand;

beforeAll(async () => {
  await installCrds();
  await apply(webAppTemplate(ns.name, "notes"));
  api = await startApiCommand({
    namespace: ns.name,
    sessionNamespace: ns.name,
    gateway: { backendNetworks: TEST_HOST_NETWORK },
  });
  await api.answers("/readyz", 250);
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

it("answers connect with a URL on its own gateway's port that reaches the Session's app", async () => {
  const root = new ApiClient(api.base);
  expect((await root.login("root")).status).toBe(200);
  const created = await root.post<{ name: string }>("/api/v1/sessions", { template: "notes" });
  expect(created.status).toBe(201);
  const session = created.body.name;
  await setPhase(ns.name, session, "Running");
  await serveSessionFrom(ns.name, session, site.app.address, site.app.port);
  const answer = await root.get<{ url: string }>(`/api/v1/sessions/${session}/connect`);
  expect(answer.status).toBe(200);
  expect(new URL(answer.body.url).host).toBe(`ss-${session}.localhost:${api.gatewayPort}`);
  // The gateway learns of the Session's endpoints by its own watch: the app is reached once it has.
  const page = await waitFor(
    async () => {
      const fresh = await root.get<{ url: string }>(`/api/v1/sessions/${session}/connect`);
      const res = await browse(fresh.body.url);
      return res.status === 200 ? res : undefined;
    },
    { what: "the app through the gateway", timeoutMs: 20_000, intervalMs: 500 },
  );
  expect(page.body).toBe("hello from the app");
}, 60_000);
