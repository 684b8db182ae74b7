// The gateway that `streamspace api` and `npm run dev` start in-process talks to the cluster they were
// given, even where no kubeconfig can be found on its own (no KUBECONFIG, no ~/.kube/config).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, expect, test, vi } from "vitest";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { startConfiguredGateway } from "../../src/gateway/command.js";
import { ephemeralTicketSettings } from "../../src/gateway/ticket.js";
import { createLogger } from "../../src/telemetry/log.js";
import { kubeConfig } from "../support/kube.js";
import { installCrds } from "../support/streamspace.js";

beforeAll(() => installCrds());
afterEach(() => vi.unstubAllEnvs());

test("the in-process gateway starts with the kubeconfig it is given, not one it looks for", async () => {
  const given = kubeConfig();
  vi.stubEnv("KUBECONFIG", "");
  vi.stubEnv("HOME", mkdtempSync(join(tmpdir(), "no-kube-")));
  const gateway = await startConfiguredGateway(resolvePlatformConfig({}), {
    kubeConfig: given,
    tickets: ephemeralTicketSettings(),
    port: 0,
    metricsPort: 0,
    host: "127.0.0.1",
    sessionsUrl: "http://localhost:1",
    log: createLogger({ level: "error" }),
  });
  try {
    const health = await fetch(`http://127.0.0.1:${gateway.metricsPort}/healthz`);
    expect(health.status).toBe(200);
  } finally {
    await gateway.close();
  }
});
