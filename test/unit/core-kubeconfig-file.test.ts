// A kubeconfig file's cluster and user reach a real HTTPS server: CA (file or data), client
// certificate, tls-server-name, insecure-skip-tls-verify, bearer and basic auth.
import { readFileSync, writeFileSync } from "node:fs";
import type https from "node:https";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { kubeRequest } from "../../src/core/kube-http.js";
import { loadKubeConfigFile } from "../../src/core/kubeconfig.js";
import { type Seen, startTlsEcho, type TlsEchoServer } from "../support/tls-echo-server.js";

let server: TlsEchoServer;
beforeAll(async () => {
  server = await startTlsEcho();
});
afterAll(() => server.close());

const b64 = (file: string) => readFileSync(file).toString("base64");
let n = 0;

/** Writes a kubeconfig with one context "main" (and any extra contexts) and loads it. */
function load(
  cluster: object,
  user: object,
  more: { clusters?: object[]; contexts?: object[]; context?: string } = {},
) {
  const file = join(server.dir, `config-${n++}`);
  writeFileSync(
    file,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      "current-context": "main",
      clusters: [{ name: "c", cluster: { server: server.url, ...cluster } }, ...(more.clusters ?? [])],
      users: [{ name: "u", user }],
      contexts: [{ name: "main", context: { cluster: "c", user: "u" } }, ...(more.contexts ?? [])],
    }),
  );
  return loadKubeConfigFile(file, more.context);
}

test("client certificate data, CA file relative to the kubeconfig: the server sees the client's CN", async () => {
  const kc = load(
    { "certificate-authority": "pki/ca.crt" },
    { "client-certificate-data": b64(server.pki.admin.cert), "client-key-data": b64(server.pki.admin.key) },
  );
  expect(kc.getCurrentCluster()).toEqual({ server: server.url });
  expect(await kubeRequest<Seen>(kc, "/")).toEqual({ cn: "streamspace-admin" });
});

test("client certificate and key files, CA data, bearer token", async () => {
  const kc = load(
    { "certificate-authority-data": b64(server.pki.caCert) },
    { "client-certificate": server.pki.kwok.cert, "client-key": server.pki.kwok.key, token: "abc" },
  );
  expect(await kubeRequest<Seen>(kc, "/")).toEqual({ cn: "kwok", authorization: "Bearer abc" });
});

test("tls-server-name is the name the server certificate is checked against", async () => {
  const ca = { "certificate-authority-data": b64(server.pki.caCert) };
  const good = load({ ...ca, "tls-server-name": "kubernetes.default.svc" }, { token: "t" });
  expect(await kubeRequest<Seen>(good, "/")).toEqual({ authorization: "Bearer t" });
  const wrong = load({ ...ca, "tls-server-name": "elsewhere.example" }, { token: "t" });
  await expect(kubeRequest(wrong, "/")).rejects.toThrow(/elsewhere\.example/);
});

test("without the CA the server is refused, unless insecure-skip-tls-verify", async () => {
  await expect(kubeRequest(load({}, {}), "/")).rejects.toThrow(/certificate/);
  expect(await kubeRequest<Seen>(load({ "insecure-skip-tls-verify": true }, {}), "/")).toEqual({});
});

test("username and password go as Basic; headers already on the options are kept", async () => {
  const kc = load({ "insecure-skip-tls-verify": true }, { username: "ann", password: "s3cret:x" });
  const basic = `Basic ${Buffer.from("ann:s3cret:x").toString("base64")}`;
  const options: https.RequestOptions = { headers: { "X-Extra": "kept" } };
  await kc.applyToHTTPSOptions(options);
  expect(options.headers).toEqual({ "X-Extra": "kept", Authorization: basic });
  expect(options.rejectUnauthorized).toBe(false);
  expect(await kubeRequest<Seen>(kc, "/")).toEqual({ authorization: basic });
});

test("tokenFile (relative to the kubeconfig) wins over token", async () => {
  writeFileSync(join(server.dir, "token"), "from-file\n");
  const kc = load({ "insecure-skip-tls-verify": true }, { token: "inline", tokenFile: "token" });
  expect(await kubeRequest<Seen>(kc, "/")).toEqual({ authorization: "Bearer from-file" });
});

test("a context given by name is used instead of current-context", () => {
  const kc = load(
    {},
    {},
    {
      clusters: [{ name: "c2", cluster: { server: "https://other.example:6443" } }],
      contexts: [{ name: "other", context: { cluster: "c2", user: "u" } }],
      context: "other",
    },
  );
  expect(kc.getCurrentCluster()).toEqual({ server: "https://other.example:6443" });
});
