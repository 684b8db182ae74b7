// Every connection of one kubeconfig shares one TLS context (the key and the CA are parsed once, not per
// connection), and a rotated client certificate gets a context of its own that the server then sees.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SecureContext, TLSSocket } from "node:tls";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type ClusterPki, createPki } from "../../scripts/cluster/pki.js";
import { kubeRequest } from "../../src/core/kube-http.js";
import { kubeConfigOf } from "../../src/core/kubeconfig-load.js";

const dir = mkdtempSync(join(tmpdir(), "kubeconfig-context-"));
let pki: ClusterPki;
let server: https.Server;
let url: string;

beforeAll(async () => {
  pki = await createPki(dir);
  server = https.createServer(
    {
      cert: readFileSync(pki.apiserver.cert),
      key: readFileSync(pki.apiserver.key),
      ca: readFileSync(pki.caCert),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => res.end(JSON.stringify({ cn: (req.socket as TLSSocket).getPeerCertificate().subject.CN })),
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const pem = (file: string) => readFileSync(file, "utf8");

/** What a request's options carry to the TLS connection. */
type Options = https.RequestOptions & { secureContext?: SecureContext };

test("one TLS context for every request while the client certificate stays the same", async () => {
  const kc = kubeConfigOf(
    url,
    { ca: pem(pki.caCert), cert: pem(pki.admin.cert), key: pem(pki.admin.key) },
    () => ({}),
  );
  const first: Options = {};
  const second: Options = {};
  await kc.applyToHTTPSOptions(first);
  await kc.applyToHTTPSOptions(second);
  expect(first.secureContext).toBeDefined();
  expect(second.secureContext).toBe(first.secureContext);
  expect(await kubeRequest(kc, "/")).toEqual({ cn: "streamspace-admin" });
});

test("a rotated client certificate (an exec plugin's) gets a new context, and the server sees it", async () => {
  let current = pki.admin;
  const kc = kubeConfigOf(url, { ca: pem(pki.caCert) }, () => ({
    cert: pem(current.cert),
    key: pem(current.key),
  }));
  const before: Options = {};
  await kc.applyToHTTPSOptions(before);
  expect(await kubeRequest(kc, "/")).toEqual({ cn: "streamspace-admin" });
  current = pki.kwok;
  const after: Options = {};
  await kc.applyToHTTPSOptions(after);
  expect(after.secureContext).not.toBe(before.secureContext);
  expect(await kubeRequest(kc, "/")).toEqual({ cn: "kwok" });
});
