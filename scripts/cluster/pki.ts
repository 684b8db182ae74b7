// Certificates for one local cluster: a throwaway CA, the API server's serving certificate and one
// client certificate per component. Keys are ECDSA P-256, made with node:crypto; node cannot write
// X.509 certificates, so openssl signs them (one short process per certificate, run in parallel).
import { execFile } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REAL_NODE_NAME } from "./real-node.js";

const execFileAsync = promisify(execFile);

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  /** Service-account token signing key pair (shared by the API server and the controller manager). */
  saKey: string;
  saPub: string;
}

/** A client identity: file names of its certificate and key in the PKI directory. */
export interface ClientCert {
  cert: string;
  key: string;
}

function writeKeyPair(dir: string, name: string): { key: string; pub: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const key = join(dir, `${name}.key`);
  const pub = join(dir, `${name}.pub`);
  writeFileSync(key, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  writeFileSync(pub, publicKey.export({ type: "spki", format: "pem" }));
  return { key, pub };
}

async function openssl(args: string[]): Promise<void> {
  try {
    await execFileAsync("openssl", args);
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") throw new Error("openssl not found: install it (apt-get install openssl)");
    throw new Error(`openssl ${args.join(" ")} failed: ${e.stderr ?? e.message}`);
  }
}

async function signLeaf(pki: Pki, name: string, subject: string, extensions: string[]): Promise<ClientCert> {
  const { key, pub } = writeKeyPair(pki.dir, name);
  const ext = join(pki.dir, `${name}.ext`);
  writeFileSync(
    ext,
    [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "authorityKeyIdentifier=keyid",
      ...extensions,
    ].join("\n"),
  );
  const cert = join(pki.dir, `${name}.crt`);
  await openssl([
    "x509",
    "-new",
    "-subj",
    subject,
    "-force_pubkey",
    pub,
    "-CA",
    pki.caCert,
    "-CAkey",
    pki.caKey,
    "-days",
    "365",
    "-extfile",
    ext,
    "-out",
    cert,
  ]);
  return { cert, key };
}

export interface ClusterPki extends Pki {
  apiserver: ClientCert;
  admin: ClientCert;
  controllerManager: ClientCert;
  scheduler: ClientCert;
  kwok: ClientCert;
  kubelet: ClientCert;
}

export async function createPki(dir: string): Promise<ClusterPki> {
  const ca = writeKeyPair(dir, "ca");
  const caCert = join(dir, "ca.crt");
  const caExt = join(dir, "ca.ext");
  writeFileSync(
    caExt,
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign,digitalSignature\nsubjectKeyIdentifier=hash\n",
  );
  await openssl([
    "x509",
    "-new",
    "-subj",
    "/CN=streamspace-local-ca",
    "-key",
    ca.key,
    "-days",
    "3650",
    "-extfile",
    caExt,
    "-out",
    caCert,
  ]);
  const sa = writeKeyPair(dir, "service-account");
  const pki: Pki = { dir, caCert, caKey: ca.key, saKey: sa.key, saPub: sa.pub };

  const client = "extendedKeyUsage=clientAuth";
  const [apiserver, admin, controllerManager, scheduler, kwok, kubelet] = await Promise.all([
    // 10.96.0.1 is the `kubernetes` Service's cluster IP (first address of --service-cluster-ip-range).
    signLeaf(pki, "apiserver", "/CN=kube-apiserver", [
      "extendedKeyUsage=serverAuth",
      "subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local",
    ]),
    // system:masters is the group RBAC's bootstrap policy binds to cluster-admin.
    signLeaf(pki, "admin", "/O=system:masters/CN=streamspace-admin", [client]),
    // These user names are bound by the bootstrap RBAC roles of the same name.
    signLeaf(pki, "controller-manager", "/CN=system:kube-controller-manager", [client]),
    signLeaf(pki, "scheduler", "/CN=system:kube-scheduler", [client]),
    // kwok plays every kubelet (node and pod status, leases, events): give it admin rights locally.
    signLeaf(pki, "kwok", "/O=system:masters/CN=kwok", [client]),
    // The real node's kubelet: the Node authorizer and NodeRestriction admit it by name and group.
    signLeaf(pki, "kubelet", `/O=system:nodes/CN=system:node:${REAL_NODE_NAME}`, [client]),
  ]);
  return { ...pki, apiserver, admin, controllerManager, scheduler, kwok, kubelet };
}
