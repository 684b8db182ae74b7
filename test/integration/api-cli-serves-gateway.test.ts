// `streamspace api`, the command itself, serves the gateway on its own port in the same process and,
// with no ticket keys given (a local run), signs with a key of its own that its gateway accepts: the URL
// `connect` answers is on http://<id>.localhost:<gateway port> and, followed, reaches the Session's app.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiClient, PASSWORD } from "../support/api.js";
import { browse, serveSessionFrom, setPhase, useRecordingApp, webAppTemplate } from "../support/gateway.js";
import { kubeconfigPath, useNamespace, waitFor } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";
import { stopProcess, TEST_HOST_NETWORK } from "../support/test-host.js";
import { freePort } from "../support/vnc-server.js";

const cli = fileURLToPath(new URL("../../src/cli/streamspace.ts", import.meta.url));
const ns = useNamespace("api-cli-gw");
const site = useRecordingApp();
const dir = mkdtempSync(join(tmpdir(), "streamspace-api-cli-"));
let api: ChildProcess | undefined;
let base = "";
let gatewayPort = 0;

beforeAll(async () => {
  await installCrds();
  await apply(webAppTemplate(ns.name, "notes"));
  const config = join(dir, "config.json");
  writeFileSync(
    config,
    JSON.stringify({
      namespace: ns.name,
      sessionNamespace: ns.name,
      gateway: { backendNetworks: TEST_HOST_NETWORK },
    }),
  );
  const port = await freePort();
  gatewayPort = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KUBECONFIG: kubeconfigPath(),
    STREAMSPACE_ADMIN_USERNAME: "root",
    STREAMSPACE_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: "error",
  };
  delete env.STREAMSPACE_TICKET_KEYS;
  api = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      cli,
      "api",
      ...["--config", config, "--port", String(port), "--host", "127.0.0.1"],
      ...[
        "--data-dir",
        join(dir, "data"),
        "--gateway-port",
        String(gatewayPort),
        "--gateway-metrics-port",
        "0",
      ],
    ],
    { env, stdio: ["ignore", "ignore", "inherit"] },
  );
  await waitFor(
    () =>
      fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok || undefined,
        () => undefined,
      ),
    { what: "streamspace api ready", timeoutMs: 60_000, intervalMs: 250 },
  );
}, 120_000);

afterAll(async () => {
  if (api) await stopProcess(api);
  rmSync(dir, { recursive: true, force: true });
});

it("answers connect with a URL on its own gateway's port that reaches the Session's app", async () => {
  const root = new ApiClient(base);
  expect((await root.login("root")).status).toBe(200);
  const created = await root.post<{ name: string }>("/api/v1/sessions", { template: "notes" });
  expect(created.status).toBe(201);
  const session = created.body.name;
  await setPhase(ns.name, session, "Running");
  await serveSessionFrom(ns.name, session, site.app.address, site.app.port);
  const answer = await root.get<{ url: string }>(`/api/v1/sessions/${session}/connect`);
  expect(answer.status).toBe(200);
  expect(new URL(answer.body.url).host).toBe(`ss-${session}.localhost:${gatewayPort}`);
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
