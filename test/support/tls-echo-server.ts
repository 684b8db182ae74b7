// An HTTPS server on loopback, with a certificate from the local cluster's PKI, that answers every
// request with what it saw of the client: its certificate's CN and its Authorization header.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { type ClusterPki, createPki } from "../../scripts/cluster/pki.js";

/** What the server saw of one request's client. */
export interface Seen {
  cn?: string;
  authorization?: string;
}

export interface TlsEchoServer {
  /** A temporary directory of the test's own, removed on close; the PKI is in its `pki` folder. */
  readonly dir: string;
  /** The CA, the server's certificate (127.0.0.1, localhost) and client certificates (admin, kwok…). */
  readonly pki: ClusterPki;
  readonly url: string;
  close(): Promise<void>;
}

/** Starts the server with a new PKI; a client without a certificate is answered too. */
export async function startTlsEcho(): Promise<TlsEchoServer> {
  const dir = mkdtempSync(join(tmpdir(), "tls-echo-"));
  mkdirSync(join(dir, "pki"));
  const pki = await createPki(join(dir, "pki"));
  const server = https.createServer(
    {
      cert: readFileSync(pki.apiserver.cert),
      key: readFileSync(pki.apiserver.key),
      ca: readFileSync(pki.caCert),
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      const seen: Seen = {
        ...(peer.subject ? { cn: String(peer.subject.CN) } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      };
      res.end(JSON.stringify(seen));
    },
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    dir,
    pki,
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
