import * as fs from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import git, { Errors } from "isomorphic-git";
import { linkedSignal } from "../core/linked-signal.js";
import { SyncError } from "./errors.js";
import { boundedHttpClient } from "./http-client.js";
import { checkRepositoryUrl } from "./url.js";

/** What to check out; at most one is set. Nothing set means branch main. */
export interface GitRef {
  readonly branch?: string;
  readonly tag?: string;
  readonly commit?: string;
}

/** From the Secret of spec.secretRef: username and password, a token, or a username and a token. */
export interface Credentials {
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
}

export interface FetchOptions {
  /** The cache: a bare repository owned by one TemplateRepository. */
  readonly gitdir: string;
  readonly url: string;
  readonly ref: GitRef;
  readonly credentials?: Credentials;
  /** Deadline of each network operation (listing refs, fetching a pack). */
  readonly timeoutMs: number;
  /** Bytes one network operation may receive. */
  readonly maxBytes: number;
  /** Inflated size of one git object; default DEFAULT_MAX_OBJECT_BYTES (16 MiB). */
  readonly maxObjectBytes?: number;
  /** The reconciler shutting down. */
  readonly signal?: AbortSignal;
  /** Hosts the repository (and its redirects) may be on; empty allows any (security.repositoryHosts). */
  readonly allowedHosts?: readonly string[];
}

export interface FetchedRevision {
  readonly commit: string;
  /** Flux-style: `main@sha1:<commit>`, `v1.2@sha1:<commit>`, or `sha1:<commit>` for a pinned commit. */
  readonly revision: string;
  /** False when the commit was already in the cache and nothing was downloaded. */
  readonly downloaded: boolean;
}

// isomorphic-git writes one pack per fetch and never repacks; past this many the cache is dropped
// and cloned afresh (shallow, so that costs one tip tree).
const MAX_PACKS = 32;

/**
 * isomorphic-git inflates each object of a fetched pack whole (to hash and index it), and a read
 * inflates it again: an object costs a few times its size in memory. 16 MiB keeps one repository's
 * fetch within tens of MiB of the reconciler's 256 MiB, well above any manifest (1 MiB) or icon.
 */
export const DEFAULT_MAX_OBJECT_BYTES = 16 * 2 ** 20;

export function revisionOf(ref: GitRef, commit: string): string {
  if (ref.commit) return `sha1:${commit}`;
  return `${ref.tag ?? ref.branch ?? "main"}@sha1:${commit}`;
}

function fullRef(ref: GitRef): string {
  return ref.tag ? `refs/tags/${ref.tag}` : `refs/heads/${ref.branch ?? "main"}`;
}

function describeRef(ref: GitRef): string {
  if (ref.commit) return `commit ${ref.commit}`;
  return ref.tag ? `tag '${ref.tag}'` : `branch '${ref.branch ?? "main"}'`;
}

/**
 * Sent with every request rather than after a 401: one round trip less, and a server that answers
 * anonymous requests differently (a public mirror) cannot serve content the credentials would not.
 */
export function authHeaders(credentials: Credentials | undefined): Record<string, string> {
  if (!credentials) return {};
  const { username, password, token } = credentials;
  if (token && !username) return { Authorization: `Bearer ${token}` };
  const secret = token ?? password ?? "";
  return { Authorization: `Basic ${Buffer.from(`${username ?? ""}:${secret}`).toString("base64")}` };
}

async function hasCommit(gitdir: string, oid: string): Promise<boolean> {
  try {
    await git.readCommit({ fs, gitdir, oid });
    return true;
  } catch {
    return false;
  }
}

/** Follows annotated tags down to the commit they name. */
async function peel(gitdir: string, oid: string): Promise<string> {
  let current = oid;
  for (let depth = 0; depth < 8; depth++) {
    const { type, object } = await git.readObject({ fs, gitdir, oid: current, format: "parsed" });
    if (type === "commit") return current;
    if (type !== "tag") throw new SyncError("FetchFailed", `the ref points at a ${type}, not a commit`);
    current = (object as { object: string }).object;
  }
  throw new SyncError("FetchFailed", "the tag chain is too long");
}

async function ensureCache(gitdir: string, url: string): Promise<void> {
  const packs = await readdir(`${gitdir}/objects/pack`).catch(() => undefined);
  if (packs && packs.filter((f) => f.endsWith(".pack")).length > MAX_PACKS) {
    await rm(gitdir, { recursive: true, force: true });
  }
  if (await stat(`${gitdir}/HEAD`).catch(() => undefined)) return;
  await mkdir(gitdir, { recursive: true });
  await git.init({ fs, gitdir, bare: true, defaultBranch: "main" });
  await git.addRemote({ fs, gitdir, remote: "origin", url });
}

/** Turns what isomorphic-git and the network throw into a reason and a message a user can act on. */
function explain(err: unknown, url: URL, opts: FetchOptions, timedOut: boolean): Error {
  if (err instanceof SyncError) return err;
  if (timedOut) {
    return new SyncError("FetchFailed", `${url.origin} did not answer within ${opts.timeoutMs / 1000}s`);
  }
  if (err instanceof Errors.HttpError) {
    const status = err.data.statusCode;
    if (status === 401 || status === 403) {
      return new SyncError(
        "AuthenticationFailed",
        opts.credentials
          ? `${url.origin} refused the credentials from spec.secretRef (HTTP ${status})`
          : `${url.origin} requires credentials (HTTP ${status}); name a Secret in spec.secretRef`,
      );
    }
    if (status === 404) return new SyncError("FetchFailed", `no repository at ${url} (HTTP 404)`);
    return new SyncError("FetchFailed", `${url.origin} answered HTTP ${status} ${err.data.statusMessage}`);
  }
  if (err instanceof Errors.SmartHttpError) {
    return new SyncError("FetchFailed", `${url} is not a git repository served over smart HTTP`);
  }
  if (err instanceof Errors.NotFoundError) {
    return new SyncError("FetchFailed", `${describeRef(opts.ref)} not found in ${url}`);
  }
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ECONNREFUSED") return new SyncError("FetchFailed", `${url.host} refused the connection`);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new SyncError("FetchFailed", `the host ${url.hostname} could not be resolved`);
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return new SyncError("FetchFailed", `${url.host} closed the connection`);
  }
  const message = err instanceof Error ? err.message : String(err);
  return new SyncError("FetchFailed", `fetching from ${url.origin} failed: ${message}`);
}

/** The longest delay a Node timer holds (about 596 h); a longer one fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Brings the commit named by `ref` into the cache: a shallow, single-branch fetch (depth 1) into a
 * bare repository, so the first sync is a shallow clone and later ones fetch only what changed. A
 * branch or tag is first looked up with one ref listing; when its commit is already cached nothing
 * is downloaded. A pinned commit is fetched by id (servers that allow it, GitHub and GitLab do); a
 * server that refuses gets a full fetch of its default branch, which must contain the commit.
 */
export async function fetchRevision(opts: FetchOptions): Promise<FetchedRevision> {
  const url = checkRepositoryUrl(opts.url);
  const gitdir = opts.gitdir;
  await ensureCache(gitdir, url.toString());
  const headers = authHeaders(opts.credentials);

  async function network<T>(op: (http: ReturnType<typeof boundedHttpClient>) => Promise<T>): Promise<T> {
    const link = linkedSignal([opts.signal], Math.min(opts.timeoutMs, MAX_TIMER_MS));
    try {
      return await op(
        boundedHttpClient({
          signal: link.signal,
          maxBytes: opts.maxBytes,
          maxObjectBytes: opts.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
          allowedHosts: opts.allowedHosts ?? [],
        }),
      );
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw explain(err, url, opts, link.timedOut);
    } finally {
      link.dispose();
    }
  }

  const fetchInto = (ref: string, depth: number | undefined) =>
    network((http) =>
      git.fetch({
        fs,
        http,
        gitdir,
        url: url.toString(),
        ref,
        singleBranch: true,
        tags: false,
        headers: { ...headers },
        ...(depth ? { depth } : {}),
      }),
    );

  if (opts.ref.commit) {
    const commit = opts.ref.commit;
    if (await hasCommit(gitdir, commit))
      return { commit, revision: revisionOf(opts.ref, commit), downloaded: false };
    try {
      await fetchInto(commit, 1);
    } catch (err) {
      if (!(err instanceof SyncError) || err.reason !== "FetchFailed") throw err;
      // The server does not hand out unadvertised commits (uploadpack.allowReachableSHA1InWant).
      await fetchInto("HEAD", undefined);
    }
    if (!(await hasCommit(gitdir, commit))) {
      throw new SyncError("FetchFailed", `commit ${commit} is not in the history of ${url}'s default branch`);
    }
    return { commit, revision: revisionOf(opts.ref, commit), downloaded: true };
  }

  const ref = fullRef(opts.ref);
  // Protocol v1: the ref advertisement is one GET (v2 needs a second round trip to list refs), which
  // is what an unchanged resync costs in all. Hosts with huge numbers of refs advertise more bytes,
  // bounded by maxBytes like everything else.
  const refs = await network((http) =>
    git.listServerRefs({
      http,
      url: url.toString(),
      headers: { ...headers },
      prefix: ref,
      peelTags: true,
      protocolVersion: 1,
    }),
  );
  const found = refs.find((r) => r.ref === ref);
  if (!found) throw new SyncError("FetchFailed", `${describeRef(opts.ref)} not found in ${url}`);
  const advertised = found.peeled ?? found.oid;
  if (await hasCommit(gitdir, advertised)) {
    return { commit: advertised, revision: revisionOf(opts.ref, advertised), downloaded: false };
  }
  // The first fetch is shallow (depth 1). Later ones are not: asked to deepen in the same request
  // as it is told our "have", git's upload-pack sends the whole tip tree again, while a plain fetch
  // sends only the commits since our last one. After a force push with no common history that
  // could be the whole history: the byte limit stops it and a shallow fetch takes over.
  const previous = await git.resolveRef({ fs, gitdir, ref }).catch(() => undefined);
  const incremental = previous !== undefined && (await hasCommit(gitdir, previous));
  let result: Awaited<ReturnType<typeof fetchInto>>;
  try {
    result = await fetchInto(ref, incremental ? undefined : 1);
  } catch (err) {
    if (!(incremental && err instanceof SyncError && err.reason === "LimitExceeded")) throw err;
    result = await fetchInto(ref, 1);
  }
  if (!result.fetchHead) throw new SyncError("FetchFailed", `${url} has no commits`);
  const commit = await peel(gitdir, result.fetchHead);
  // The local ref is what the next fetch offers as "have", so the server sends only what changed.
  await git.writeRef({ fs, gitdir, ref, value: commit, force: true });
  return { commit, revision: revisionOf(opts.ref, commit), downloaded: true };
}
