// Which kubeconfig loadKubeConfig picks: KUBECONFIG (the first existing file of a list), else the
// pod's service account, else ~/.kube/config; none of them is an error saying so.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { loadKubeConfig } from "../../src/core/kubeconfig.js";

const dir = mkdtempSync(join(tmpdir(), "kubeconfig-default-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A kubeconfig at `path` whose server is `server`. */
function kubeconfig(path: string, server: string): string {
  writeFileSync(
    path,
    stringify({
      "current-context": "c",
      clusters: [{ name: "c", cluster: { server } }],
      contexts: [{ name: "c", context: { cluster: "c" } }],
    }),
  );
  return path;
}

const home = join(dir, "home");
mkdirSync(join(home, ".kube"), { recursive: true });
kubeconfig(join(home, ".kube", "config"), "https://home.example");
const serviceAccountDir = join(dir, "serviceaccount");
mkdirSync(serviceAccountDir);
writeFileSync(join(serviceAccountDir, "token"), "t");
writeFileSync(join(serviceAccountDir, "ca.crt"), "");
const inCluster = { KUBERNETES_SERVICE_HOST: "10.96.0.1", KUBERNETES_SERVICE_PORT: "443" };
const server = (env: NodeJS.ProcessEnv, options = { home, serviceAccountDir }) =>
  loadKubeConfig(env, options).getCurrentCluster()?.server;

test("KUBECONFIG comes first, even in a pod; of a list, the first file that exists", () => {
  const a = kubeconfig(join(dir, "a"), "https://a.example");
  const b = kubeconfig(join(dir, "b"), "https://b.example");
  expect(server({ ...inCluster, KUBECONFIG: a })).toBe("https://a.example");
  expect(server({ KUBECONFIG: `${join(dir, "missing")}:${b}:${a}` })).toBe("https://b.example");
  expect(() => server({ KUBECONFIG: join(dir, "missing") })).toThrow(
    `KUBECONFIG=${join(dir, "missing")}: no such file`,
  );
});

test("in a pod with a service-account token, the service account; else ~/.kube/config", () => {
  expect(server(inCluster)).toBe("https://10.96.0.1:443");
  expect(server({ KUBERNETES_SERVICE_HOST: "10.96.0.1" })).toBe("https://home.example");
  expect(server(inCluster, { home, serviceAccountDir: join(dir, "no-token") })).toBe("https://home.example");
});

test("with none of them, an error that says where it looked", () => {
  expect(() => server({}, { home: join(dir, "nohome"), serviceAccountDir })).toThrow(
    `no kubeconfig: KUBECONFIG is not set, this is not a pod with a service account, and ${join(dir, "nohome", ".kube", "config")} does not exist`,
  );
});
