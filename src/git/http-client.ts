import http from "node:http";
import https from "node:https";
import type { GitHttpRequest, GitHttpResponse, HttpClient } from "isomorphic-git";
import { checkRepositoryHost, guardedLookup } from "./address-guard.js";
import { SyncError } from "./errors.js";
import { checkPackObjects, packOf } from "./pack-guard.js";

// isomorphic-git's own node client takes no deadline per operation and reads whatever a server
// sends. A repository server is untrusted input: this client aborts every request of one operation
// at a shared deadline, stops reading once the operation has received `maxBytes`, and refuses a pack
// with an object that would inflate past `maxObjectBytes`.

export interface BoundedHttpOptions {
  /** Aborts every request of the operation: its deadline, or the reconciler shutting down. */
  readonly signal: AbortSignal;
  /** Bytes of response bodies the whole operation may receive. */
  readonly maxBytes: number;
  /** Inflated size of one object in a fetched pack. */
  readonly maxObjectBytes: number;
  /** Hosts requests (and redirects) may go to; empty allows any (security.repositoryHosts). */
  readonly allowedHosts?: readonly string[];
  /** Resolves host names; the system's by default. */
  readonly lookup?: ReturnType<typeof guardedLookup>;
}

const MAX_REDIRECTS = 5;

async function bodyBuffer(body: GitHttpRequest["body"]): Promise<Buffer | undefined> {
  if (!body) return undefined;
  const chunks: Uint8Array[] = [];
  if (Array.isArray(body)) chunks.push(...(body as Uint8Array[]));
  else for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  signal: AbortSignal,
  lookup: ReturnType<typeof guardedLookup>,
): Promise<http.IncomingMessage> {
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method,
        signal,
        lookup: lookup as never,
        headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) },
      },
      resolve,
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** An isomorphic-git HttpClient bounded in time and bytes; create one per git operation. */
export function boundedHttpClient(opts: BoundedHttpOptions): HttpClient {
  let received = 0;
  const lookup = opts.lookup ?? guardedLookup();
  const limitError = () =>
    new SyncError(
      "LimitExceeded",
      `the server sent more than ${Math.round(opts.maxBytes / 2 ** 20)} MiB; the repository is too large to sync`,
    );

  async function* limited(res: http.IncomingMessage): AsyncIterableIterator<Uint8Array> {
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        received += chunk.length;
        if (received > opts.maxBytes) throw limitError();
        yield chunk;
      }
    } finally {
      res.destroy();
    }
  }

  // A pack is read whole (isomorphic-git does the same) and checked before it is handed over.
  async function* checkedPack(res: http.IncomingMessage): AsyncIterableIterator<Uint8Array> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of limited(res)) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    checkPackObjects(packOf(body), opts.maxObjectBytes);
    yield body;
  }

  return {
    async request(request: GitHttpRequest): Promise<GitHttpResponse> {
      let url = new URL(request.url);
      let method = (request.method ?? "GET").toUpperCase();
      let headers = { ...(request.headers ?? {}) };
      let body = await bodyBuffer(request.body);
      for (let redirects = 0; ; redirects++) {
        checkRepositoryHost(url, opts.allowedHosts ?? []);
        const res = await send(url, method, headers, body, opts.signal, lookup);
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status < 300 || status >= 400 || !location) {
          return {
            url: url.toString(),
            method,
            statusCode: status,
            statusMessage: res.statusMessage ?? "",
            headers: Object.fromEntries(
              Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]),
            ),
            body:
              method === "POST" && url.pathname.endsWith("/git-upload-pack") && status === 200
                ? checkedPack(res)
                : limited(res),
          };
        }
        res.resume();
        if (redirects >= MAX_REDIRECTS) {
          throw new SyncError("FetchFailed", `more than ${MAX_REDIRECTS} redirects from ${url.origin}`);
        }
        const next = new URL(location, url);
        // A redirect may move to another host, never to another scheme than http(s), nor down to
        // plain http: the credentials and the content would then travel unprotected.
        if (next.protocol !== "https:" && !(next.protocol === "http:" && url.protocol === "http:")) {
          throw new SyncError("FetchFailed", `refusing a redirect from ${url.origin} to ${next.protocol}//`);
        }
        // Like git (and curl), credentials go only to the origin they were given for.
        if (next.origin !== url.origin) {
          headers = Object.fromEntries(
            Object.entries(headers).filter(([name]) => name.toLowerCase() !== "authorization"),
          );
        }
        if (status === 303) {
          method = "GET";
          body = undefined;
        }
        url = next;
      }
    },
  };
}
