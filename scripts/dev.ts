/**
 * `npm run dev`: everything on this machine in one command — the local cluster (`dev`), the CRDs and
 * namespaces, the catalog synced from this checkout's git repository (its current branch, served by
 * `git http-backend`: scripts/dev-catalog.ts), the reconciler, the portal (built from ui/)
 * and the API on http://localhost:8081 (with the session gateway on :8082, as `streamspace api` runs
 * it) with the embedded database in .streamspace/dev-data and a first admin whose password is printed. Ctrl-C stops the reconciler and the API; the cluster keeps running
 * (`npm run cluster:down -- --name dev` stops it).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { resolvePlatformConfig } from "../src/config/platform-config.js";
import { loadKubeConfigFile } from "../src/core/kubeconfig.js";
import { ephemeralTicketSettings } from "../src/gateway/ticket.js";
import { createFirstAdmin } from "../src/identity/first-admin.js";
import { startReconciler } from "../src/reconciler/start.js";
import { startApi } from "../src/server/start.js";
import { createLogger } from "../src/telemetry/log.js";
import { up } from "./cluster/cluster.js";
import { checkoutRepository, serveCheckout } from "./dev-catalog.js";

const run = promisify(execFile);
const PORT = Number(process.env.PORT ?? 8081);
const GATEWAY_PORT = Number(process.env.GATEWAY_PORT ?? 8082);

// The portal the API serves at /, built from this checkout (a fresh clone has none).
await run("npm", ["run", "--silent", "build:ui"], { timeout: 300_000 });
const cluster = await up("dev");
const kubectl = (...args: string[]) =>
  run("kubectl", ["--kubeconfig", cluster.kubeconfig, ...args], { timeout: 120_000 });
// The default config, persistent homes included: the local cluster's StorageClass binds them.
const config = resolvePlatformConfig({ api: { publicUrl: `http://localhost:${PORT}` } });
await kubectl("apply", "--server-side", "-k", "dist/crds");
await kubectl("wait", "--for=condition=Established", "--timeout=60s", "crd/templates.stream.streamspace.io");
for (const ns of [config.namespace, config.sessionNamespace])
  await kubectl("create", "namespace", ns).catch(() => undefined);
// The catalog as production gets it: a TemplateRepository the reconciler syncs, here from this checkout.
const checkout = await serveCheckout();
const repositoryFile = join(mkdtempSync(join(tmpdir(), "streamspace-dev-")), "catalog.json");
writeFileSync(repositoryFile, JSON.stringify(checkoutRepository(config.sessionNamespace, checkout)));
await kubectl("apply", "--server-side", "--force-conflicts", "-f", repositoryFile);

const log = createLogger({ level: "warn" });
const kubeConfig = loadKubeConfigFile(cluster.kubeconfig);
const reconciler = await startReconciler({
  kubeConfig,
  config,
  identity: "dev",
  leaderElection: false,
  log,
  metricsPort: 0,
});
const api = await startApi({
  config,
  kubeConfig,
  database: { dataDir: ".streamspace/dev-data" },
  log,
  port: PORT,
  host: "127.0.0.1",
  web: { publicOrigin: `http://localhost:${PORT}` },
  gateway: {
    tickets: ephemeralTicketSettings(),
    serve: { port: GATEWAY_PORT, metricsPort: 0, host: "127.0.0.1" },
  },
});

const password = randomBytes(12).toString("base64url");
const admin = (await createFirstAdmin(api.context.db, { name: "admin", password }, log))
  ? `\n  first admin:  admin / ${password}   (shown once; kept in .streamspace/dev-data)`
  : "";
console.log(`
StreamSpace is running.
  Portal:       http://localhost:${PORT}/
  API:          http://localhost:${PORT}/api/v1  (OpenAPI: /api/openapi.json)
  Sessions:     http://ss-<name>.localhost:${GATEWAY_PORT}  (GET /api/v1/sessions/<name>/connect gives the URL)
  Catalog:      ${checkout.url} (${"branch" in checkout.ref ? `branch ${checkout.ref.branch}` : `commit ${checkout.commit}`}; commits show up within 30 s)
  KUBECONFIG:   ${cluster.kubeconfig}${admin}

  curl -c jar -H 'content-type: application/json' -d '{"username":"admin","password":"…"}' http://localhost:${PORT}/api/v1/auth/login
  curl -b jar -H 'origin: http://localhost:${PORT}' -H 'content-type: application/json' -d '{"template":"firefox"}' http://localhost:${PORT}/api/v1/sessions
Ctrl-C stops the API and the reconciler; npm run cluster:down -- --name dev stops the cluster.`);

const stop = async () => {
  await api.stop();
  await reconciler.stop();
  await checkout.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());
