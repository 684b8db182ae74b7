// In a pod: the API server from KUBERNETES_SERVICE_HOST/PORT, the service account's CA, and its token
// re-read at most once a minute, because the kubelet rotates bound tokens.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, expect, test, vi } from "vitest";
import { loadKubeConfig } from "../../src/core/kubeconfig.js";

const serviceAccountDir = mkdtempSync(join(tmpdir(), "serviceaccount-"));
const home = mkdtempSync(join(tmpdir(), "home-")); // no .kube/config: in-cluster must not need one
afterAll(() => {
  rmSync(serviceAccountDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

// Passed on to TLS as it is; test/unit/core-kubeconfig-file.test.ts connects with real certificates.
const ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
writeFileSync(join(serviceAccountDir, "ca.crt"), ca);
writeFileSync(join(serviceAccountDir, "token"), "first\n");

const load = (host: string) =>
  loadKubeConfig(
    { KUBERNETES_SERVICE_HOST: host, KUBERNETES_SERVICE_PORT: "443" },
    { home, serviceAccountDir },
  );

test("the server is https on the service host and port, IPv6 hosts in brackets", () => {
  expect(load("10.96.0.1").getCurrentCluster()).toEqual({ server: "https://10.96.0.1:443" });
  expect(load("fd00:10:96::1").getCurrentCluster()).toEqual({ server: "https://[fd00:10:96::1]:443" });
});

test("the CA is the service account's, the token is re-read at most once a minute", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
  writeFileSync(join(serviceAccountDir, "token"), "first\n");
  const kc = load("10.96.0.1");
  const apply = async () => {
    const options: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(options);
    return options;
  };
  expect(await apply()).toMatchObject({ ca, headers: { Authorization: "Bearer first" } });

  writeFileSync(join(serviceAccountDir, "token"), "rotated\n");
  vi.setSystemTime(new Date("2030-01-01T00:00:59Z"));
  expect((await apply()).headers).toEqual({ Authorization: "Bearer first" });
  vi.setSystemTime(new Date("2030-01-01T00:01:00Z"));
  expect((await apply()).headers).toEqual({ Authorization: "Bearer rotated" });
});
