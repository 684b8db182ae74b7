// A kubeconfig the loader cannot honour is refused at load, naming the file and the field: a broken
// reference, a malformed value, or a feature we do not support (auth-provider, impersonation, proxy-url).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { stringify } from "yaml";
import { type ClusterPki, createPki } from "../../scripts/cluster/pki.js";
import { loadKubeConfigFile } from "../../src/core/kubeconfig.js";

const dir = mkdtempSync(join(tmpdir(), "kubeconfig-errors-"));
let pki: ClusterPki;
beforeAll(async () => {
  mkdirSync(join(dir, "pki"));
  pki = await createPki(join(dir, "pki"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const b64 = (file: string) => readFileSync(file).toString("base64");
let n = 0;
function write(content: string): string {
  const file = join(dir, `config-${n++}`);
  writeFileSync(file, content);
  return file;
}

/** A kubeconfig of context "main" → cluster "c", user "u", with the given changes. */
function config(cluster: object, user: object, top: object = {}): string {
  return write(
    stringify({
      "current-context": "main",
      clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:6443", ...cluster } }],
      users: [{ name: "u", user }],
      contexts: [{ name: "main", context: { cluster: "c", user: "u" } }],
      ...top,
    }),
  );
}

const expectError = (file: string, message: string, context?: string) =>
  expect(() => loadKubeConfigFile(file, context)).toThrow(`kubeconfig ${file}: ${message}`);

test("broken references between contexts, clusters and users", () => {
  expectError(
    config({}, {}, { contexts: [{ name: "main", context: { cluster: "y", user: "u" } }] }),
    'context "main" names cluster "y", which is not in clusters',
  );
  expectError(
    config({}, {}, { contexts: [{ name: "main", context: { cluster: "c", user: "nobody" } }] }),
    'context "main" names user "nobody", which is not in users',
  );
  expectError(
    config({}, {}, { "current-context": "gone" }),
    'current-context is "gone", which is not in contexts',
  );
  expectError(config({}, {}), 'context "x" was asked for, which is not in contexts', "x");
  expectError(config({}, {}, { "current-context": "" }), "current-context is not set");
  expectError(config({ server: "" }, {}), 'cluster "c": server is not set');
  expectError(
    config({ server: "127.0.0.1:6443" }, {}),
    'cluster "c": server "127.0.0.1:6443" is not an http(s) URL',
  );
});

test("malformed values name their field", () => {
  const file = write("clusters: [\n");
  expect(() => loadKubeConfigFile(file)).toThrow(`kubeconfig ${file}: `);
  expectError(
    config({ "insecure-skip-tls-verify": "yes" }, {}),
    'cluster "c": insecure-skip-tls-verify must be true or false',
  );
  expectError(config({}, { token: 42 }), 'user "u": token must be a string');
  expectError(
    config({ "certificate-authority-data": "bm90IHBlbQ==" }, {}),
    'cluster "c": certificate-authority-data is not base64-encoded PEM',
  );
  expectError(
    config({ "certificate-authority": "nope.crt" }, {}),
    `cluster "c": certificate-authority: ENOENT`,
  );
  expectError(
    config({ "certificate-authority": pki.caCert, "certificate-authority-data": b64(pki.caCert) }, {}),
    'cluster "c": sets both certificate-authority-data and certificate-authority',
  );
  expectError(
    config({ "certificate-authority": pki.caCert, "insecure-skip-tls-verify": true }, {}),
    'cluster "c": sets both insecure-skip-tls-verify and a certificate authority',
  );
  expectError(
    config({}, { "client-certificate": pki.admin.cert }),
    'user "u": a client certificate needs both',
  );
  expectError(
    config({}, { "client-certificate": pki.admin.cert, "client-key": pki.kwok.key }),
    'user "u": client-certificate and client-key: ',
  );
  expectError(
    config({}, { token: "t", username: "ann", password: "p" }),
    'user "u": sets both a token and username/password',
  );
  expectError(config({}, { tokenFile: "no-token" }), `user "u": tokenFile: ENOENT`);
});

test("exec stanzas are checked at load", () => {
  const exec = (e: object, more: object = {}) => config({}, { exec: { command: "plugin", ...e }, ...more });
  expectError(
    exec({ apiVersion: "client.authentication.k8s.io/v1alpha1" }),
    'user "u" exec: apiVersion must be one of',
  );
  const v1 = { apiVersion: "client.authentication.k8s.io/v1" };
  expectError(exec({ ...v1, command: "" }), 'user "u" exec: command is not set');
  expectError(exec({ ...v1, args: [1] }), 'user "u" exec: args must be strings');
  expectError(
    exec({ ...v1, env: [{ name: "A" }] }),
    'user "u" exec: env entries must have a string name and value',
  );
  expectError(exec({ ...v1, interactiveMode: "Always" }), 'user "u" exec: interactiveMode is Always');
  expectError(exec(v1, { token: "t" }), 'user "u": exec cannot be combined with');
});

test("unsupported features are refused with the way out", () => {
  expectError(
    config({}, { "auth-provider": { name: "gcp", config: {} } }),
    'user "u": auth-provider is not supported: the legacy gcp, azure and oidc providers are gone from kubectl too; use an exec plugin',
  );
  expectError(config({}, { as: "admin" }), 'user "u": as is not supported: impersonation');
  expectError(config({ "proxy-url": "http://proxy:3128" }, {}), 'cluster "c": proxy-url is not supported');
});
