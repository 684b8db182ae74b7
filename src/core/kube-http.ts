import http from "node:http";
import https from "node:https";
import { createInterface } from "node:readline";
import type { KubeConfig } from "./kubeconfig.js";
import { linkedSignal } from "./linked-signal.js";

// Requests to the apiserver on node:http(s): the informer's list and watch, and the controllers' applies.
// The generated clients need a typed method per kind and client-node's Watch hides the HTTP status and
// swallows stream errors; any group/version/plural needs neither. KubeConfig supplies TLS and auth (tokens,
// exec plugins, client certificates); connections come from kept-alive shared agents, so a kubeconfig
// `proxy-url` is not honoured.

/** A non-2xx answer from the apiserver, carrying the Status reason when it sent one. */
export class KubeApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = "KubeApiError";
  }
}

/** A request the API server has not answered in time; retried like any failure, never waited on forever. */
export class KubeTimeoutError extends Error {
  constructor(path: string, ms: number) {
    super(`no answer from the API server to ${path} within ${ms / 1000} s`);
    this.name = "KubeTimeoutError";
  }
}

/**
 * Every request ends within this unless its caller says otherwise: an API server that accepts a
 * connection and never answers must not hold a reconcile, or a leader's renewal, forever.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export type Query = Record<string, string | number | boolean | undefined>;

/** URL path of a collection, e.g. `/apis/stream.streamspace.io/v1alpha1/namespaces/ns/sessions`. */
export function collectionPath(
  resource: { group: string; version: string; plural: string },
  namespace?: string,
): string {
  const base =
    resource.group === "" ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  return `${base}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ""}/${resource.plural}`;
}

/** Kept-alive connection pools to the API server, one per scheme. */
export interface KubeAgents {
  readonly http: http.Agent;
  readonly https: https.Agent;
}

/**
 * Pools of kept-alive connections (a TLS handshake per request would dominate) holding at most
 * `maxSockets` to the API server; requests beyond that wait for a free one, within their deadline.
 */
export function kubeAgents(maxSockets: number): KubeAgents {
  return {
    http: new http.Agent({ keepAlive: true, maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets }),
  };
}

/** The pools of every request that names none: the reconciler's, and every informer's. */
const sharedAgents = kubeAgents(128);

/** One finished request, as a client-side metric sees it (the API server's own metrics mix every client). */
export interface RequestRecord {
  /** GET, POST, PUT, DELETE, PATCH, or APPLY for a server-side apply (DRYRUN-APPLY when dry). */
  readonly verb: string;
  /** The resource's plural, with its subresource: "sessions/status". */
  readonly resource: string;
  /** HTTP status, or 0 when no answer came (timeout, broken connection, abort). */
  readonly code: number;
  readonly seconds: number;
}

const requestObservers = new Set<(record: RequestRecord) => void>();

/** Tells `observer` of every request but a watch once it finished; returns how to stop. */
export function observeRequests(observer: (record: RequestRecord) => void): () => void {
  requestObservers.add(observer);
  return () => requestObservers.delete(observer);
}

/** `/apis/g/v/namespaces/ns/plural/name/sub` → "plural/sub". */
export function resourceOf(path: string): string {
  const parts = path.split("?")[0]?.split("/").filter(Boolean) ?? [];
  const rest = parts.slice(parts[0] === "api" ? 2 : 3);
  if (rest[0] === "namespaces" && rest.length > 2) rest.splice(0, 2);
  return rest.length > 2 ? `${rest[0]}/${rest[2]}` : (rest[0] ?? "");
}

function verbOf(options: RequestOptions): string {
  const method = options.method ?? "GET";
  if (method !== "PATCH" || options.contentType !== "application/apply-patch+yaml") return method;
  return options.query?.dryRun ? "DRYRUN-APPLY" : "APPLY";
}

export interface RequestOptions {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly query?: Query;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** Default DEFAULT_REQUEST_TIMEOUT_MS; for a watch, how long to wait for its answer's headers. */
  readonly timeoutMs?: number;
  /** Connection pools to use; default the process's shared ones (128 connections). */
  readonly agents?: KubeAgents;
}

async function open(kc: KubeConfig, path: string, options: RequestOptions): Promise<http.IncomingMessage> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("kubeconfig has no current cluster");
  const url = new URL(cluster.server.replace(/\/$/, "") + path);
  for (const [k, v] of Object.entries(options.query ?? {}))
    if (v !== undefined) url.searchParams.set(k, String(v));
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const plain = url.protocol === "http:";
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = (plain ? http : https).request(
      url,
      {
        ...opts,
        agent: plain ? (options.agents ?? sharedAgents).http : (options.agents ?? sharedAgents).https,
        method: options.method ?? "GET",
        headers: {
          ...opts.headers,
          Accept: "application/json",
          // Content-Length always: Node sends a DELETE body without one, and the API server then reads
          // the body as the next request on the kept-alive connection ("400 Bad Request").
          ...(payload === undefined
            ? {}
            : {
                "Content-Type": options.contentType ?? "application/json",
                "Content-Length": Buffer.byteLength(payload),
              }),
        },
      },
      resolve,
    );
    req.on("error", reject);
    abortWith(req, options.signal);
    req.end(payload);
  });
}

/**
 * Destroys the request when `signal` aborts, until the request closes. Not http.request's own `signal`
 * option: an abort from inside a response handler (a watch's ERROR line arriving with the end of the
 * stream) made it raise an AbortError on the pooled socket, where nobody listens: the process ended.
 */
function abortWith(req: http.ClientRequest, signal: AbortSignal | undefined): void {
  if (!signal) return;
  // Without an error: once the response has ended, the socket is back in the agent's pool, and an error
  // passed here would be raised on it, where nobody listens.
  const abort = () => req.destroy();
  if (signal.aborted) {
    abort();
    return;
  }
  signal.addEventListener("abort", abort, { once: true });
  req.once("close", () => signal.removeEventListener("abort", abort));
}

/**
 * One request with a JSON answer: any method, any body. Non-2xx answers throw KubeApiError with the
 * apiserver's Status reason (NotFound, Conflict, Invalid…); no answer in time throws KubeTimeoutError.
 */
export async function kubeRequest<T>(kc: KubeConfig, path: string, options: RequestOptions = {}): Promise<T> {
  const started = performance.now();
  let code = 0;
  try {
    return await withTimeout(path, options, async (signal) => {
      const res = await open(kc, path, { ...options, signal });
      code = res.statusCode ?? 0;
      if (code < 200 || code >= 300) throw await failure(res);
      const body = await readBody(res);
      return (body ? JSON.parse(body) : {}) as T;
    });
  } finally {
    if (requestObservers.size) {
      const record = {
        verb: verbOf(options),
        resource: resourceOf(path),
        code,
        seconds: (performance.now() - started) / 1000,
      };
      for (const observer of requestObservers) observer(record);
    }
  }
}

/** Runs `work` with the caller's signal joined to a timeout, and says which of the two ended it. */
async function withTimeout<T>(
  path: string,
  options: RequestOptions,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const ms = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const link = linkedSignal([options.signal], ms);
  try {
    return await work(link.signal);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    if (link.timedOut) throw new KubeTimeoutError(path, ms);
    throw error;
  } finally {
    link.dispose();
  }
}

async function readBody(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function failure(res: http.IncomingMessage): Promise<KubeApiError> {
  const body = await readBody(res).catch(() => "");
  try {
    const status = JSON.parse(body) as { message?: string; reason?: string };
    return new KubeApiError(res.statusCode ?? 0, status.message ?? body, status.reason);
  } catch {
    return new KubeApiError(res.statusCode ?? 0, body || (res.statusMessage ?? "request failed"));
  }
}

/**
 * Opens a watch and calls `onLine` per JSON line. Resolves when the server ends the stream (its
 * timeoutSeconds, or a clean close), rejects on a non-200 answer or a broken connection.
 */
export async function watchLines(
  kc: KubeConfig,
  path: string,
  query: Query,
  signal: AbortSignal,
  onLine: (line: string) => void,
): Promise<void> {
  // The answer's headers (or its error) within the usual timeout; the stream itself lasts as long as
  // the server keeps it, and the informer's watchdog notices one that goes quiet.
  const res = await withTimeout(path, { signal }, async (headersSignal) => {
    const answer = await open(kc, path, { query: { ...query, watch: true }, signal: headersSignal });
    if (answer.statusCode !== 200) throw await failure(answer);
    return answer;
  });
  // Without this a peer that vanished (node lost, NAT entry expired) would leave the socket open for the
  // kernel's default keepalive of two hours; the informer's watchdog is the backstop.
  res.socket.setKeepAlive(true, 30_000);
  // The headers' deadline is over and its signal let go of the caller's: from here the caller's signal
  // alone ends the stream.
  const stop = () => res.destroy(new Error("watch stopped"));
  if (signal.aborted) stop();
  else signal.addEventListener("abort", stop, { once: true });
  try {
    await readLines(res, onLine);
  } finally {
    signal.removeEventListener("abort", stop);
  }
}

function readLines(res: http.IncomingMessage, onLine: (line: string) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: res, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", onLine);
    res.on("error", reject);
    // readline re-emits its input's errors (an aborted stream on stop) on itself; unhandled, they crash.
    lines.on("error", reject);
    lines.on("close", () =>
      res.complete ? resolve() : reject(new Error("watch connection closed mid-stream")),
    );
  });
}
