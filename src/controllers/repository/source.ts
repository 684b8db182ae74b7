import { createHash } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { parseDuration } from "../../api/durations.js";
import { REQUESTED_AT_ANNOTATION } from "../../api/labels.js";
import { KubeApiError, kubeRequest } from "../../core/kube-http.js";
import type { KubeConfig } from "../../core/kubeconfig.js";
import { objectKey, splitKey } from "../../core/store.js";
import { SyncError } from "../../git/errors.js";
import {
  type Credentials,
  DEFAULT_MAX_OBJECT_BYTES,
  type FetchedRevision,
  fetchRevision,
} from "../../git/fetch.js";
import { pathSegments, readManifests, type TreeLimits } from "../../git/tree.js";
import { checkRepositoryUrl } from "../../git/url.js";
import type { Logger } from "../../telemetry/log.js";
import {
  type FileTemplates,
  fileKey,
  type ParseLimits,
  type Problem,
  type TemplateDefinition,
  templatesFromFiles,
} from "./manifests.js";
import type { Repo } from "./objects.js";

// The source half of a repository's reconcile, after Flux's source-controller: when to fetch, the
// cache, credentials, the fetch and the read, ending in an artifact (the Templates of one commit).

export interface SyncLimits extends TreeLimits, ParseLimits {
  /** Bytes one network operation (ref listing, pack download) may receive. */
  readonly maxDownloadBytes: number;
  /** Inflated size of one git object (any file, not only manifests): what indexing a pack holds in memory. */
  readonly maxObjectBytes: number;
  /** Entries of status.errors. */
  readonly maxStatusErrors: number;
}

export const DEFAULT_LIMITS: SyncLimits = {
  maxFiles: 5000,
  maxFileBytes: 2 ** 20,
  maxTotalBytes: 32 * 2 ** 20,
  maxDownloadBytes: 100 * 2 ** 20,
  maxObjectBytes: DEFAULT_MAX_OBJECT_BYTES,
  maxAliasCount: 100,
  maxDocumentsPerFile: 1000,
  maxParseMs: 30_000,
  maxStatusErrors: 100,
};

const DEFAULT_INTERVAL = "5m";
const DEFAULT_TIMEOUT_MS = 60_000;

/** What a fetch and read produce: the Templates of one commit, and what was wrong with its files. */
export interface Artifact {
  readonly commit: string;
  readonly revision: string;
  readonly path: string;
  readonly definitions: TemplateDefinition[];
  readonly problems: Problem[];
  readonly brokenFiles: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

/** What this process knows of one repository between reconciles; rebuilt by a fetch after a restart. */
export interface SourceState {
  generation?: number;
  requestedAt?: string;
  nextFetchAt: number;
  fetched?: FetchedRevision;
  /** Why the latest fetch or read failed; cleared by the next success. */
  failure?: SyncError;
  /** Templates of the latest successful read. */
  parsed?: Artifact;
  /** The latest commit that could not be read (too many files, an unsafe entry), and why. */
  unreadable?: { commit: string; path: string; error: SyncError };
  /** Parsed files by path and blob id, so a push re-parses only the files it changed. */
  files: Map<string, FileTemplates>;
}

export function cacheDirName(name: string, url: string): string {
  return `${name}-${createHash("sha256").update(url).digest("hex").slice(0, 12)}`;
}

/** Interval with ±10% jitter, so repositories created together do not fetch together forever. */
export function jittered(ms: number, random: () => number): number {
  return Math.round(ms * (0.9 + 0.2 * random()));
}

function durationOr(text: string, fallback: number): number {
  try {
    return parseDuration(text);
  } catch {
    return fallback;
  }
}

/** The git credentials a repository's spec.secretRef names. */
export async function loadCredentials(
  kubeConfig: KubeConfig,
  namespace: string,
  secretName: string,
  signal: AbortSignal,
): Promise<Credentials> {
  let secret: { data?: Record<string, string> };
  try {
    secret = await kubeRequest(kubeConfig, `/api/v1/namespaces/${namespace}/secrets/${secretName}`, {
      signal,
    });
  } catch (err) {
    if (err instanceof KubeApiError && err.statusCode === 404) {
      throw new SyncError("AuthenticationFailed", `Secret ${secretName} (spec.secretRef) does not exist`);
    }
    throw err;
  }
  const read = (k: string) => {
    const v = secret.data?.[k];
    return v === undefined ? undefined : Buffer.from(v, "base64").toString("utf8");
  };
  const credentials = { username: read("username"), password: read("password"), token: read("token") };
  if (!credentials.token && !(credentials.username && credentials.password)) {
    throw new SyncError(
      "AuthenticationFailed",
      `Secret ${secretName} (spec.secretRef) has neither username and password nor token`,
    );
  }
  return credentials;
}

export interface RepositorySourceOptions {
  readonly kubeConfig: KubeConfig;
  /** Git caches live in `<cacheDir>/<namespace>/<name>-<url hash>`. */
  readonly cacheDir: string;
  readonly limits: SyncLimits;
  readonly log: Logger;
  readonly random: () => number;
}

/**
 * Fetches each repository when due (interval, spec change, webhook request, or no memory of it) and
 * reads the commit into an artifact; between fetches the last artifact stands.
 */
export class RepositorySource {
  private readonly states = new Map<string, SourceState>();

  constructor(private readonly opts: RepositorySourceOptions) {}

  /** The latest artifact of a repository, if this process has read one. */
  artifact(key: string): Artifact | undefined {
    return this.states.get(key)?.parsed;
  }

  stateOf(key: string): SourceState {
    let state = this.states.get(key);
    if (!state) {
      state = { nextFetchAt: 0, files: new Map() };
      this.states.set(key, state);
    }
    return state;
  }

  /**
   * Fetches and reads `repo` if due; returns whether it did. `announce` is told a new revision before
   * it is read (the status says Syncing meanwhile). Throws only when the API server failed us.
   */
  async update(
    repo: Repo,
    state: SourceState,
    signal: AbortSignal,
    announce: (revision: string) => Promise<void>,
  ): Promise<boolean> {
    const started = Date.now();
    const generation = repo.metadata.generation;
    const requestedAt = repo.metadata.annotations?.[REQUESTED_AT_ANNOTATION];
    const intervalMs = durationOr(repo.spec.interval ?? DEFAULT_INTERVAL, 5 * 60_000);
    const due =
      !state.fetched && !state.failure
        ? true
        : state.generation !== generation ||
          state.requestedAt !== requestedAt ||
          started >= state.nextFetchAt;
    if (!due) return false;
    state.generation = generation;
    state.requestedAt = requestedAt;
    state.nextFetchAt =
      intervalMs > 0 ? started + jittered(intervalMs, this.opts.random) : Number.POSITIVE_INFINITY;
    try {
      await this.fetchAndRead(repo, state, signal, announce);
    } catch (err) {
      // Not the repository's fault (the API server failed us): the queue retries, and fetches again.
      state.nextFetchAt = 0;
      throw err;
    }
    return true;
  }

  async forget(key: string): Promise<void> {
    this.states.delete(key);
    const { namespace, name } = splitKey(key);
    const dir = join(this.opts.cacheDir, namespace ?? "");
    const entries = await readdir(dir).catch(() => [] as string[]);
    const mine = new RegExp(`^${name.replace(/\./g, "\\.")}-[0-9a-f]{12}$`);
    await Promise.all(
      entries.filter((e) => mine.test(e)).map((e) => rm(join(dir, e), { recursive: true, force: true })),
    );
  }

  /** The cache directory for the repository's current URL; those of earlier URLs are removed. */
  private async cacheFor(repo: Repo): Promise<string> {
    const ns = repo.metadata.namespace ?? "";
    const name = repo.metadata.name ?? "";
    const current = cacheDirName(name, repo.spec.url);
    const dir = join(this.opts.cacheDir, ns);
    const entries = await readdir(dir).catch(() => [] as string[]);
    const mine = new RegExp(`^${name.replace(/\./g, "\\.")}-[0-9a-f]{12}$`);
    await Promise.all(
      entries
        .filter((e) => e !== current && mine.test(e))
        .map((e) => rm(join(dir, e), { recursive: true, force: true })),
    );
    return join(dir, current);
  }

  private async fetchAndRead(
    repo: Repo,
    state: SourceState,
    signal: AbortSignal,
    announce: (revision: string) => Promise<void>,
  ): Promise<void> {
    const ns = repo.metadata.namespace ?? "";
    const name = repo.metadata.name ?? "";
    let gitdir: string | undefined;
    try {
      checkRepositoryUrl(repo.spec.url);
      const path = pathSegments(repo.spec.path).join("/");
      if (name.length > 63) {
        throw new SyncError(
          "InvalidSpec",
          "the repository's name is longer than 63 characters, the limit of a label value",
        );
      }
      const credentials = repo.spec.secretRef
        ? await loadCredentials(this.opts.kubeConfig, ns, repo.spec.secretRef.name, signal)
        : undefined;
      gitdir = await this.cacheFor(repo);
      const timeout = durationOr(repo.spec.timeout ?? "", 0);
      const fetched = await fetchRevision({
        gitdir,
        url: repo.spec.url,
        ref: repo.spec.ref ?? {},
        credentials,
        timeoutMs: timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
        maxBytes: this.opts.limits.maxDownloadBytes,
        maxObjectBytes: this.opts.limits.maxObjectBytes,
        signal,
      });
      state.fetched = fetched;
      if (state.parsed?.commit === fetched.commit && state.parsed.path === path) {
        state.failure = undefined;
        return;
      }
      // A commit's content never changes, so neither does why it could not be read: keep the
      // failure rather than read it again (and write Syncing, then Failed) every interval.
      const unreadable = state.unreadable;
      if (unreadable?.commit === fetched.commit && unreadable.path === path) {
        state.failure = unreadable.error;
        return;
      }
      await announce(fetched.revision);
      try {
        const tree = await readManifests({
          gitdir,
          commit: fetched.commit,
          path,
          limits: this.opts.limits,
          known: (file) => state.files.get(fileKey(file))?.bytes,
        });
        const found = templatesFromFiles(
          tree.files,
          { namespace: ns, limits: this.opts.limits },
          state.files,
        );
        const problems = [...tree.problems, ...found.problems];
        state.parsed = {
          commit: fetched.commit,
          revision: fetched.revision,
          path,
          definitions: found.definitions,
          problems,
          brokenFiles: new Set(problems.filter((p) => p.severity === "Error").map((p) => p.file)),
          names: new Set(found.definitions.map((d) => d.name)),
        };
      } catch (err) {
        if (!(err instanceof SyncError)) throw err;
        const error = new SyncError(err.reason, `${fetched.revision}: ${err.message}`, err.transient);
        if (!err.transient) state.unreadable = { commit: fetched.commit, path, error };
        throw error;
      }
      state.failure = undefined;
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof SyncError) {
        state.failure = err;
        return;
      }
      if (err instanceof KubeApiError) throw err;
      // Anything else means the cache itself is unusable (a half-written pack, a disk problem):
      // start again from an empty one next time.
      this.opts.log.error("repository cache unusable; it is cloned again on the next sync", {
        repository: objectKey(repo),
        err,
      });
      if (gitdir) await rm(gitdir, { recursive: true, force: true });
      state.failure = new SyncError(
        "FetchFailed",
        `the cached clone could not be read (${err instanceof Error ? err.message : String(err)}); it is cloned again on the next sync`,
      );
    }
  }
}
