// Every connection of one kubeconfig shares one TLS context (the key and the CA are parsed once, not per
// connection), and a rotated client certificate gets a context of its own that the server then sees.
import { readFileSync } from "node:fs";
import type https from "node:https";
import type { SecureContext } from "node:tls";
import { afterAll, beforeAll, expect, test } from "vitest";
import { kubeRequest } from "../../src/core/kube-http.js";
import { kubeConfigOf } from "../../src/core/kubeconfig-load.js";
import { startTlsEcho, type TlsEchoServer } from "../support/tls-echo-server.js";

let server: TlsEchoServer;
beforeAll(async () => {
  server = await startTlsEcho();
});
afterAll(() => server.close());

const pem = (file: string) => readFileSync(file, "utf8");

/** What a request's options carry to the TLS connection. */
type Options = https.RequestOptions & { secureContext?: SecureContext };

test("one TLS context for every request while the client certificate stays the same", async () => {
  const kc = kubeConfigOf(
    server.url,
    { ca: pem(server.pki.caCert), cert: pem(server.pki.admin.cert), key: pem(server.pki.admin.key) },
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
  let current = server.pki.admin;
  const kc = kubeConfigOf(server.url, { ca: pem(server.pki.caCert) }, () => ({
    cert: pem(current.cert),
    key: pem(current.key),
  }));
  const before: Options = {};
  await kc.applyToHTTPSOptions(before);
  expect(await kubeRequest(kc, "/")).toEqual({ cn: "streamspace-admin" });
  current = server.pki.kwok;
  const after: Options = {};
  await kc.applyToHTTPSOptions(after);
  expect(after.secureContext).not.toBe(before.secureContext);
  expect(await kubeRequest(kc, "/")).toEqual({ cn: "kwok" });
});
