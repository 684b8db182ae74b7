// A kubeconfig file read the way kubectl reads it, for the reconciler (kubeconfig.ts says why not
// client-node's). What a kubeconfig can say that we do not do is refused, naming the field, rather than
// ignored: auth-provider, impersonation (`as`…) and proxy-url would otherwise change who we are or
// where requests go without a word.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import type https from "node:https";
import { dirname, resolve } from "node:path";
import { createSecureContext, type SecureContext } from "node:tls";
import { parse } from "yaml";
import type { KubeConfig } from "./kubeconfig.js";

/** TLS settings fixed for the life of the config. */
type Tls = Pick<https.RequestOptions, "ca" | "cert" | "key" | "rejectUnauthorized" | "servername">;

/** What may change between requests: an exec plugin's client certificate, a rotated token. */
interface Credentials {
  cert?: string;
  key?: string;
  authorization?: string;
}

export function kubeConfigOf(
  server: string,
  tls: Tls,
  credentials: () => Credentials | Promise<Credentials>,
): KubeConfig {
  // One TLS context per client certificate, shared by every connection: built per connection, parsing
  // the key and the CA took a tenth of the API's CPU while it opened 100 connections (BENCHMARKS.md).
  let context: { cert?: string; key?: string; secureContext: SecureContext | undefined } | undefined;
  return {
    getCurrentCluster: () => ({ server }),
    async applyToHTTPSOptions(options) {
      const { authorization, ...cert } = await credentials();
      if (!context || context.cert !== cert.cert || context.key !== cert.key)
        context = { ...cert, secureContext: secureContextOf({ ...tls, ...cert }) };
      // ca, cert and key stay on the options: the agent names its pools of connections by them.
      Object.assign(
        options,
        tls,
        cert,
        context.secureContext ? { secureContext: context.secureContext } : {},
      );
      if (!authorization) return;
      // The caller's headers stay; Node also takes them as a flat [name, value, …] list.
      options.headers = Array.isArray(options.headers)
        ? [...options.headers, "Authorization", authorization]
        : { ...options.headers, Authorization: authorization };
    },
  };
}

/** Undefined for material Node cannot read: the connection then fails with Node's own error, as before. */
function secureContextOf(tls: Tls): SecureContext | undefined {
  try {
    return createSecureContext({ ca: tls.ca, cert: tls.cert, key: tls.key });
  } catch {
    return undefined;
  }
}

/** A token file's content, re-read at most once a minute because bound tokens rotate (as client-go does). */
export function tokenFile(path: string): () => string {
  let token = "";
  let readAt = Number.NEGATIVE_INFINITY;
  return () => {
    if (Date.now() - readAt >= 60_000) {
      token = readFileSync(path, "utf8").trim();
      readAt = Date.now();
    }
    return token;
  };
}

type Mapping = Record<string, unknown>;

const isMapping = (v: unknown): v is Mapping => typeof v === "object" && v !== null && !Array.isArray(v);

/** A mapping of the file (a cluster, a user, an exec stanza) that names itself and the file in errors. */
class Section {
  constructor(
    readonly file: string,
    readonly where: string,
    readonly data: Mapping,
  ) {}

  error(message: string): Error {
    return new Error(`kubeconfig ${this.file}: ${this.where ? `${this.where}: ` : ""}${message}`);
  }

  string(field: string): string | undefined {
    const v = this.data[field];
    if (v === undefined || v === null || v === "") return undefined;
    if (typeof v !== "string") throw this.error(`${field} must be a string`);
    return v;
  }

  boolean(field: string): boolean {
    const v = this.data[field] ?? false;
    if (typeof v !== "boolean") throw this.error(`${field} must be true or false`);
    return v;
  }

  list(field: string): unknown[] {
    const v = this.data[field] ?? [];
    if (!Array.isArray(v)) throw this.error(`${field} must be a list`);
    return v;
  }

  /** A path, relative to the kubeconfig's directory as kubectl reads it. */
  path(field: string): string | undefined {
    const p = this.string(field);
    return p === undefined ? undefined : resolve(dirname(this.file), p);
  }

  /** PEM from `<data field>` (base64) or the file `<file field>` names; both at once is an error. */
  pem(dataField: string, fileField: string): string | undefined {
    const data = this.string(dataField);
    const path = this.path(fileField);
    if (data !== undefined && path !== undefined) throw this.error(`sets both ${dataField} and ${fileField}`);
    if (data !== undefined) {
      const pem = Buffer.from(data, "base64").toString("utf8");
      if (!pem.includes("-----BEGIN ")) throw this.error(`${dataField} is not base64-encoded PEM`);
      return pem;
    }
    if (path === undefined) return undefined;
    const pem = this.read(fileField, path);
    if (!pem.includes("-----BEGIN ")) throw this.error(`${fileField} ${path} is not PEM`);
    return pem;
  }

  private read(field: string, path: string): string {
    try {
      return readFileSync(path, "utf8");
    } catch (err) {
      throw this.error(`${field}: ${(err as Error).message}`);
    }
  }

  /** The `<kind>` mapping of the entry called `name` in the list `<kind>s`. */
  named(kind: "cluster" | "user" | "context", name: string, reference: string): Section {
    const entry = this.list(`${kind}s`).find((e) => isMapping(e) && e.name === name) as Mapping | undefined;
    if (!entry) throw this.error(`${reference}, which is not in ${kind}s`);
    const data = entry[kind] ?? {};
    if (!isMapping(data)) throw this.error(`${kind} "${name}" must be a mapping`);
    return new Section(this.file, `${kind} "${name}"`, data);
  }

  refuse(field: string, why: string): void {
    if (this.data[field] !== undefined) throw this.error(`${field} is not supported: ${why}`);
  }
}

/** Loads `path`, for its current-context or the context given. */
export function loadKubeConfigFile(path: string, context?: string): KubeConfig {
  const file = resolve(path);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`kubeconfig ${file}: ${(err as Error).message}`);
  }
  const root = new Section(file, "", isMapping(doc) ? doc : {});
  const contextName = context ?? root.string("current-context");
  if (!contextName) throw root.error("current-context is not set");
  const ctx = root.named(
    "context",
    contextName,
    context ? `context "${context}" was asked for` : `current-context is "${contextName}"`,
  );
  const clusterName = ctx.string("cluster");
  if (!clusterName) throw ctx.error("cluster is not set");
  const cluster = root.named(
    "cluster",
    clusterName,
    `context "${contextName}" names cluster "${clusterName}"`,
  );
  const userName = ctx.string("user");
  const user = userName
    ? root.named("user", userName, `context "${contextName}" names user "${userName}"`)
    : new Section(file, `context "${contextName}"`, {}); // no user: anonymous

  const server = cluster.string("server");
  if (!server) throw cluster.error("server is not set");
  if (!/^https?:\/\/[^/]/.test(server)) throw cluster.error(`server "${server}" is not an http(s) URL`);
  cluster.refuse("proxy-url", "requests go straight to the server");
  const insecure = cluster.boolean("insecure-skip-tls-verify");
  const ca = cluster.pem("certificate-authority-data", "certificate-authority");
  if (insecure && ca) throw cluster.error("sets both insecure-skip-tls-verify and a certificate authority");
  const servername = cluster.string("tls-server-name");
  if (ca) checkTls(cluster, "certificate-authority", { ca });
  const tls: Tls = {
    rejectUnauthorized: !insecure,
    ...(ca ? { ca } : {}),
    ...(servername ? { servername } : {}),
  };

  user.refuse(
    "auth-provider",
    "the legacy gcp, azure and oidc providers are gone from kubectl too; use an exec plugin (gke-gcloud-auth-plugin, kubelogin, …) in user.exec",
  );
  for (const field of ["as", "as-uid", "as-groups", "as-user-extra"])
    user.refuse(field, "impersonation would be ignored, so requests would run as the user itself");

  const cert = user.pem("client-certificate-data", "client-certificate");
  const key = user.pem("client-key-data", "client-key");
  if (!cert !== !key) throw user.error("a client certificate needs both client-certificate and client-key");
  if (cert && key) checkTls(user, "client-certificate and client-key", { cert, key });
  const authorization = staticAuthorization(user);
  const exec = user.data.exec;
  if (exec === undefined || exec === null)
    return kubeConfigOf(server, { ...tls, ...(cert ? { cert, key } : {}) }, () =>
      authorization ? { authorization: authorization() } : {},
    );
  if (!isMapping(exec)) throw user.error("exec must be a mapping");
  if (cert || authorization)
    throw user.error("exec cannot be combined with a client certificate, token, tokenFile or username");
  const extension = cluster
    .list("extensions")
    .find((e) => isMapping(e) && e.name === "client.authentication.k8s.io/exec") as Mapping | undefined;
  // What kubectl tells a plugin about the cluster when the exec stanza sets provideClusterInfo.
  const clusterInfo = {
    server,
    "insecure-skip-tls-verify": insecure,
    ...(servername ? { "tls-server-name": servername } : {}),
    ...(ca ? { "certificate-authority-data": Buffer.from(ca).toString("base64") } : {}),
    ...(extension ? { config: extension.extension } : {}),
  };
  return kubeConfigOf(server, tls, execPlugin(new Section(file, `${user.where} exec`, exec), clusterInfo));
}

/** Node would only fail at the first request, with no word of where the bad PEM came from. */
function checkTls(section: Section, fields: string, material: Tls): void {
  try {
    createSecureContext(material);
  } catch (err) {
    throw section.error(`${fields}: ${(err as Error).message}`);
  }
}

/** token, tokenFile or username/password as an Authorization header; one method only, as kubectl insists. */
function staticAuthorization(user: Section): (() => string) | undefined {
  const token = user.string("token");
  const path = user.path("tokenFile");
  const username = user.string("username");
  const password = user.string("password");
  if ((token || path) && (username || password)) throw user.error("sets both a token and username/password");
  if (username || password) {
    const basic = `Basic ${Buffer.from(`${username ?? ""}:${password ?? ""}`).toString("base64")}`;
    return () => basic;
  }
  if (path) {
    // tokenFile wins over token and is re-read, as in client-go; read once now so a bad path fails the load.
    const read = tokenFile(path);
    try {
      read();
    } catch (err) {
      throw user.error(`tokenFile: ${(err as Error).message}`);
    }
    return () => `Bearer ${read()}`;
  }
  return token ? () => `Bearer ${token}` : undefined;
}

const EXEC_VERSIONS = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];

/**
 * Runs the plugin as kubectl does (args, env, KUBERNETES_EXEC_INFO) and keeps its ExecCredential until
 * status.expirationTimestamp; without one, for the life of the process.
 */
function execPlugin(exec: Section, cluster: Mapping): () => Promise<Credentials> {
  const apiVersion = exec.string("apiVersion");
  if (!apiVersion || !EXEC_VERSIONS.includes(apiVersion))
    throw exec.error(`apiVersion must be one of ${EXEC_VERSIONS.join(", ")}, not ${apiVersion ?? "unset"}`);
  const command = exec.string("command");
  if (!command) throw exec.error("command is not set");
  // As kubectl: a command with a slash is a path from the kubeconfig's directory, a bare name is on PATH.
  const program = command.includes("/") ? (exec.path("command") as string) : command;
  const args = exec.list("args").map((a) => {
    if (typeof a !== "string") throw exec.error("args must be strings");
    return a;
  });
  const env: Record<string, string> = {};
  for (const e of exec.list("env")) {
    if (!isMapping(e) || typeof e.name !== "string" || typeof e.value !== "string")
      throw exec.error("env entries must have a string name and value");
    env[e.name] = e.value;
  }
  if (exec.string("interactiveMode") === "Always")
    throw exec.error("interactiveMode is Always, but the reconciler has no terminal to interact on");
  const execInfo = JSON.stringify({
    apiVersion,
    kind: "ExecCredential",
    spec: { interactive: false, ...(exec.boolean("provideClusterInfo") ? { cluster } : {}) },
  });
  const hint = exec.string("installHint");

  const run = () =>
    new Promise<string>((resolve, reject) => {
      const child = execFile(
        program,
        args,
        // A plugin that hangs would otherwise stall every request; the caller's retry runs it again.
        { env: { ...process.env, ...env, KUBERNETES_EXEC_INFO: execInfo }, timeout: 60_000 },
        (err, stdout, stderr) => {
          if (!err) resolve(stdout);
          else if ((err as NodeJS.ErrnoException).code === "ENOENT")
            reject(exec.error(`command "${command}" not found${hint ? `: ${hint}` : ""}`));
          else if (err.killed) reject(exec.error(`command "${command}" timed out after 60 s`));
          else reject(exec.error(`command "${command}" failed (exit code ${err.code}): ${stderr.trim()}`));
        },
      );
      child.stdin?.end(); // not interactive
    });

  const credential = async (): Promise<{ credentials: Credentials; expiresAt: number }> => {
    const stdout = await run();
    let out: unknown;
    try {
      out = JSON.parse(stdout);
    } catch {
      throw exec.error(`command "${command}" did not print JSON`);
    }
    const printed = isMapping(out) ? out : {};
    if (printed.kind !== "ExecCredential" || printed.apiVersion !== apiVersion)
      throw exec.error(
        `command "${command}" printed kind ${printed.kind} ${printed.apiVersion}, not ExecCredential ${apiVersion}`,
      );
    const status = new Section(
      exec.file,
      `${exec.where} ExecCredential status`,
      isMapping(printed.status) ? printed.status : {},
    );
    const token = status.string("token");
    const cert = status.string("clientCertificateData");
    const key = status.string("clientKeyData");
    if (!cert !== !key) throw status.error("clientCertificateData and clientKeyData go together");
    if (!token && !cert) throw status.error("has neither token nor clientCertificateData");
    const expiry = status.string("expirationTimestamp");
    const expiresAt = expiry === undefined ? Number.POSITIVE_INFINITY : Date.parse(expiry);
    if (Number.isNaN(expiresAt)) throw status.error(`expirationTimestamp "${expiry}" is not a time`);
    return {
      credentials: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cert ? { cert, key } : {}) },
      expiresAt,
    };
  };

  let pending: Promise<Credentials> | undefined;
  let expiresAt = 0;
  return () => {
    if (pending && Date.now() < expiresAt) return pending;
    expiresAt = Number.POSITIVE_INFINITY; // requests made while the plugin runs share its answer
    pending = credential().then(
      (c) => {
        expiresAt = c.expiresAt;
        return c.credentials;
      },
      (err: unknown) => {
        expiresAt = 0; // the next request tries again
        throw err;
      },
    );
    return pending;
  };
}
