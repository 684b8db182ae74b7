import { createHash } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { KubernetesObject } from "@kubernetes/client-node";
import { applyObject, deleteObject, type KubeObject, patchStatus } from "../../apply/apply.js";
import { nextInventory, type ObjectRef, refOf, staleRefs } from "../../apply/inventory.js";
import { objectPath } from "../../apply/resources.js";
import { isSubset } from "../../apply/subset.js";
import type { Informer } from "../../core/informer.js";
import { KubeApiError, kubeRequest } from "../../core/kube-http.js";
import type { KubeConfig } from "../../core/kubeconfig.js";
import { OwnWrites } from "../../core/own-writes.js";
import type { ReconcileResult } from "../../core/queue.js";
import { objectKey, splitKey } from "../../core/store.js";
import type {
  TemplateRepository as TemplateRepositoryResource,
  TemplateRepositoryStatus,
  Template as TemplateResource,
} from "../../generated/types.js";
import { SyncError } from "../../git/errors.js";
import {
  type Credentials,
  DEFAULT_MAX_OBJECT_BYTES,
  type FetchedRevision,
  fetchRevision,
} from "../../git/fetch.js";
import { pathSegments, readManifests, type TreeLimits } from "../../git/tree.js";
import { checkRepositoryUrl, normalizeRepositoryUrl } from "../../git/url.js";
import type { Logger } from "../../telemetry/log.js";
import type { ReconcilerMetrics } from "../../telemetry/metrics.js";
import { parseDuration } from "../session/durations.js";
import { isHandMade, type RepositoryRank, resolveConflicts } from "./conflicts.js";
import { API_VERSION } from "./convert.js";
import {
  type FileTemplates,
  fileKey,
  type ParseLimits,
  type Problem,
  type TemplateDefinition,
  templatesFromFiles,
} from "./manifests.js";
import { checkSecretConsent } from "./secret-consent.js";
import { buildStatus, sameJson, statusPatch, syncingStatus } from "./status.js";
import type { WebhookTarget } from "./webhook.js";

/** On every Template a repository applied: the repository's name (same namespace). */
export const REPOSITORY_LABEL = "streamspace.io/repository";
/** Set (to any new value, e.g. the time) to make a repository fetch now: what the webhook does. */
export const REQUESTED_AT_ANNOTATION = "streamspace.io/reconcile-requested-at";
/** On every Template a repository applied: the file that defines it, from the repository root. */
export const SOURCE_PATH_ANNOTATION = "streamspace.io/source-path";
/** On every Template a repository applied: the commit that last changed it. */
export const SOURCE_COMMIT_ANNOTATION = "streamspace.io/source-commit";
export const CONTROLLER_NAME = "templaterepository";

/** Our kinds as informers hold them: client-node's metadata type, with times as the strings JSON has. */
export type TemplateRepository = TemplateRepositoryResource & KubernetesObject;
export type Template = TemplateResource & KubernetesObject;

export interface SyncLimits extends TreeLimits, ParseLimits {
  /** Bytes one network operation (ref listing, pack download) may receive. */
  readonly maxDownloadBytes: number;
  /** Inflated size of one git object (any file, not only manifests): what indexing a pack holds in memory. */
  readonly maxObjectBytes: number;
  /** Entries of status.errors. */
  readonly maxStatusErrors: number;
  /** Hosts repositories may be on; empty allows any (security.repositoryHosts). */
  readonly allowedHosts: readonly string[];
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
  allowedHosts: [],
};

const DEFAULT_INTERVAL = "5m";
const DEFAULT_TIMEOUT_MS = 60_000;
const APPLY_CONCURRENCY = 16;

type Repo = TemplateRepository & { metadata: NonNullable<TemplateRepository["metadata"]> };

interface Parsed {
  readonly commit: string;
  readonly revision: string;
  readonly path: string;
  readonly definitions: TemplateDefinition[];
  readonly problems: Problem[];
  readonly brokenFiles: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

/** What this process knows of one repository between reconciles; rebuilt by a fetch after a restart. */
interface RepoState {
  generation?: number;
  requestedAt?: string;
  nextFetchAt: number;
  fetched?: FetchedRevision;
  /** Why the latest fetch or read failed; cleared by the next success. */
  failure?: SyncError;
  /** Templates of the latest successful read. */
  parsed?: Parsed;
  /** The latest commit that could not be read (too many files, an unsafe entry), and why. */
  unreadable?: { commit: string; path: string; error: SyncError };
  /** Parsed files by path and blob id, so a push re-parses only the files it changed. */
  files: Map<string, FileTemplates>;
}

export interface RepositoryReconcilerOptions {
  kubeConfig: KubeConfig;
  repositories: Informer<TemplateRepository>;
  templates: Informer<Template>;
  /** Git caches live in `<cacheDir>/<namespace>/<name>-<url hash>`. */
  cacheDir: string;
  log: Logger;
  metrics?: ReconcilerMetrics;
  limits?: Partial<SyncLimits>;
  random?: () => number;
}

function rank(repo: TemplateRepository): RepositoryRank {
  return { name: repo.metadata?.name ?? "", creationTimestamp: repo.metadata?.creationTimestamp };
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

export function cacheDirName(name: string, url: string): string {
  return `${name}-${createHash("sha256").update(url).digest("hex").slice(0, 12)}`;
}

/** Interval with ±10% jitter, so repositories created together do not fetch together forever. */
export function jittered(ms: number, random: () => number): number {
  return Math.round(ms * (0.9 + 0.2 * random()));
}

/**
 * Syncs TemplateRepositories: fetch → read → parse/validate/convert → resolve name conflicts →
 * server-side apply → prune → status, each step a function of the one before. A reconcile fetches
 * only when due (interval, spec change, webhook request, or no memory of the repository); the
 * reconciles that Template and status events cause in between only compare the cached desired
 * Templates with the cluster, which writes nothing when nothing drifted.
 */
export class RepositoryReconciler {
  private readonly opts: RepositoryReconcilerOptions;
  private readonly limits: SyncLimits;
  private readonly random: () => number;
  private readonly states = new Map<string, RepoState>();
  // Templates as our own writes returned them, until the informer has caught up: without this the
  // reconcile that our own writes' events cause would see the old objects and re-check each one.
  private readonly recent = new OwnWrites<KubeObject>();
  // Repositories as our status writes returned them, for the same reason.
  private readonly writtenRepos = new OwnWrites<Repo>();
  private signal: AbortSignal = new AbortController().signal;

  constructor(opts: RepositoryReconcilerOptions) {
    this.opts = opts;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.random = opts.random ?? Math.random;
    opts.templates.on("delete", (template) => this.recent.forget(objectKey(template)));
  }

  /** Aborts git operations in flight when leadership is lost or the process stops. */
  useSignal(signal: AbortSignal): void {
    this.signal = signal;
  }

  async reconcile(key: string): Promise<ReconcileResult | undefined> {
    const repo = this.opts.repositories.store.get(key) as Repo | undefined;
    if (!repo || repo.metadata.deletionTimestamp) {
      await this.forget(key);
      return undefined;
    }
    if (repo.spec.suspend) return undefined;
    const state = this.stateOf(key);
    const started = Date.now();
    const generation = repo.metadata.generation;
    const requestedAt = repo.metadata.annotations?.[REQUESTED_AT_ANNOTATION];
    const intervalMs = this.duration(repo.spec.interval ?? DEFAULT_INTERVAL, 5 * 60_000);
    const due =
      !state.fetched && !state.failure
        ? true
        : state.generation !== generation ||
          state.requestedAt !== requestedAt ||
          started >= state.nextFetchAt;
    if (due) {
      state.generation = generation;
      state.requestedAt = requestedAt;
      state.nextFetchAt =
        intervalMs > 0 ? started + jittered(intervalMs, this.random) : Number.POSITIVE_INFINITY;
      try {
        await this.fetchAndRead(repo, state);
      } catch (err) {
        // Not the repository's fault (the API server failed us): the queue retries, and fetches again.
        state.nextFetchAt = 0;
        throw err;
      }
      if (this.signal.aborted) return undefined;
    }

    const fetchedAt = Date.now();
    const outcome = await this.applyAndPrune(repo, state);
    const appliedAt = Date.now();
    const status = buildStatus({
      previous: this.liveStatus(repo),
      generation,
      now: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      failure: state.failure,
      revision: state.parsed?.revision,
      problems: outcome.problems,
      applyFailed: outcome.applyFailed,
      inventory: outcome.inventory,
      maxErrors: this.limits.maxStatusErrors,
    });
    const wrote = await this.writeStatus(repo, status);
    if (due || outcome.writes > 0 || wrote) {
      // A resync that changed nothing is routine; one that wrote is worth a line at info.
      this.opts.log[outcome.writes > 0 || wrote ? "info" : "debug"]("repository synced", {
        repository: key,
        revision: state.fetched?.revision,
        fetched: due,
        failure: state.failure?.message,
        ...outcome.counts,
        problems: outcome.problems.length,
        fetchMs: fetchedAt - started,
        applyMs: appliedAt - fetchedAt,
        ms: Date.now() - started,
      });
    }
    if (outcome.transient) throw outcome.transient;
    if (!Number.isFinite(state.nextFetchAt)) return undefined;
    return { requeueAfterMs: Math.max(0, state.nextFetchAt - Date.now()) };
  }

  private stateOf(key: string): RepoState {
    let state = this.states.get(key);
    if (!state) {
      state = { nextFetchAt: 0, files: new Map() };
      this.states.set(key, state);
    }
    return state;
  }

  private duration(text: string, fallback: number): number {
    try {
      return parseDuration(text);
    } catch {
      return fallback;
    }
  }

  private async forget(key: string): Promise<void> {
    this.states.delete(key);
    this.writtenRepos.forget(key);
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

  private async credentials(namespace: string, secretName: string, repository: string): Promise<Credentials> {
    let secret: { data?: Record<string, string>; metadata?: { annotations?: Record<string, string> } };
    try {
      secret = await kubeRequest(
        this.opts.kubeConfig,
        `/api/v1/namespaces/${namespace}/secrets/${secretName}`,
      );
    } catch (err) {
      if (err instanceof KubeApiError && err.statusCode === 404) {
        throw new SyncError("AuthenticationFailed", `Secret ${secretName} (spec.secretRef) does not exist`);
      }
      throw err;
    }
    checkSecretConsent(secret, secretName, repository);
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

  private async fetchAndRead(repo: Repo, state: RepoState): Promise<void> {
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
        ? await this.credentials(ns, repo.spec.secretRef.name, name)
        : undefined;
      gitdir = await this.cacheFor(repo);
      const timeout = this.duration(repo.spec.timeout ?? "", 0);
      const fetched = await fetchRevision({
        gitdir,
        url: repo.spec.url,
        ref: repo.spec.ref ?? {},
        credentials,
        timeoutMs: timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
        maxBytes: this.limits.maxDownloadBytes,
        maxObjectBytes: this.limits.maxObjectBytes,
        allowedHosts: this.limits.allowedHosts,
        signal: this.signal,
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
      if (repo.status?.revision !== fetched.revision) {
        const previous = this.liveStatus(repo);
        const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
        await this.writeStatus(
          repo,
          syncingStatus(previous, fetched.revision, now, repo.metadata.generation),
        );
      }
      try {
        const tree = await readManifests({
          gitdir,
          commit: fetched.commit,
          path,
          limits: this.limits,
          known: (file) => state.files.get(fileKey(file))?.bytes,
        });
        const found = templatesFromFiles(tree.files, { namespace: ns, limits: this.limits }, state.files);
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
      if (this.signal.aborted) return;
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

  /** Other repositories of the namespace that define `name`, or hold it while not synced here yet. */
  private claimants(namespace: string, name: string): RepositoryRank[] {
    const out: RepositoryRank[] = [];
    const live = this.opts.templates.store.get(`${namespace}/${name}`);
    const holder = live?.metadata?.labels?.[REPOSITORY_LABEL];
    for (const repo of this.opts.repositories.store.list(namespace)) {
      if (repo.metadata?.deletionTimestamp) continue;
      const parsed = this.states.get(objectKey(repo))?.parsed;
      if (parsed ? parsed.names.has(name) : repo.metadata?.name === holder) out.push(rank(repo));
    }
    return out;
  }

  /**
   * The Template as this repository defines it. Where it came from travels in annotations, set by
   * the same apply (no second write): the file, and the commit that last changed it. That commit is
   * the live one while nothing else changed, so a push that leaves a Template alone does not
   * rewrite it.
   */
  private desired(
    repo: Repo,
    definition: TemplateDefinition,
    commit: string,
    live: KubeObject | undefined,
  ): KubeObject {
    const ns = repo.metadata.namespace ?? "";
    const owned = repo.spec.prune !== false && repo.metadata.uid;
    const template = (sourceCommit: string): KubeObject => ({
      apiVersion: API_VERSION,
      kind: "Template",
      metadata: {
        name: definition.name,
        namespace: ns,
        labels: { ...definition.labels, [REPOSITORY_LABEL]: repo.metadata.name ?? "" },
        annotations: {
          ...definition.annotations,
          [SOURCE_PATH_ANNOTATION]: definition.file,
          [SOURCE_COMMIT_ANNOTATION]: sourceCommit,
        },
        // Deleting a pruning repository deletes its Templates, through the garbage collector.
        ...(owned
          ? {
              ownerReferences: [
                {
                  apiVersion: API_VERSION,
                  kind: "TemplateRepository",
                  name: repo.metadata.name,
                  uid: repo.metadata.uid,
                },
              ],
            }
          : {}),
      },
      spec: definition.spec as unknown as Record<string, unknown>,
    });
    const liveCommit = (live?.metadata.annotations as Record<string, string> | undefined)?.[
      SOURCE_COMMIT_ANNOTATION
    ];
    if (liveCommit) {
      const unchanged = template(liveCommit);
      if (isSubset(unchanged, live)) return unchanged;
    }
    return template(commit);
  }

  private live(key: string): KubeObject | undefined {
    return this.recent.fresher(key, this.opts.templates.store.get(key) as KubeObject | undefined);
  }

  private async applyAndPrune(repo: Repo, state: RepoState) {
    const ns = repo.metadata.namespace ?? "";
    const self = repo.metadata.name ?? "";
    const previous = this.liveStatus(repo)?.inventory ?? [];
    const counts = { created: 0, configured: 0, unchanged: 0, pruned: 0 };
    const problems: Problem[] = [];
    let applyFailed = false;
    let transient: Error | undefined;
    const parsed = state.parsed;
    if (!parsed) return { inventory: previous, problems: [], applyFailed, transient, counts, writes: 0 };
    const writes = () => counts.created + counts.configured + counts.pruned;

    const handMade = (name: string) =>
      isHandMade(this.opts.templates.store.get(`${ns}/${name}`), REPOSITORY_LABEL);
    const resolution = resolveConflicts(
      rank(repo),
      parsed.definitions,
      (name) => this.claimants(ns, name),
      handMade,
    );
    problems.push(...parsed.problems, ...resolution.problems);
    const applied: ObjectRef[] = [];
    await pool(resolution.winners, APPLY_CONCURRENCY, async (definition) => {
      const key = `${ns}/${definition.name}`;
      const live = this.live(key);
      const desired = this.desired(repo, definition, parsed.commit, live);
      applied.push(refOf(desired));
      try {
        const { result, object } = await applyObject(this.opts.kubeConfig, desired, live);
        counts[result]++;
        this.opts.metrics?.applied(CONTROLLER_NAME, result);
        if (result !== "unchanged") this.recent.remember(key, object);
      } catch (err) {
        if (!(err instanceof KubeApiError) || err.statusCode >= 500 || err.statusCode === 429) {
          transient ??= err instanceof Error ? err : new Error(String(err));
        }
        applyFailed = true;
        problems.push({
          file: definition.file,
          document: definition.document,
          message: `the API server refused Template ${definition.name}: ${err instanceof Error ? err.message : String(err)}`,
          severity: "Error",
        });
      }
    });

    const pruneAllowed = !state.failure && state.fetched?.commit === parsed.commit;
    const stale = staleRefs(previous, applied);
    const kept: ObjectRef[] = [];
    const failedPrunes: ObjectRef[] = [];
    if (!pruneAllowed) {
      // The repository could not be read: what it held before is kept, and stays ours.
      kept.push(...stale);
    } else if (repo.spec.prune !== false) {
      for (const ref of stale) {
        const key = `${ref.namespace ?? ns}/${ref.name}`;
        const live = this.live(key);
        if (
          !live ||
          (live.metadata.labels as Record<string, string> | undefined)?.[REPOSITORY_LABEL] !== self
        )
          continue;
        const sourcePath = (live.metadata.annotations as Record<string, string> | undefined)?.[
          SOURCE_PATH_ANNOTATION
        ];
        if (sourcePath && parsed.brokenFiles.has(sourcePath)) {
          // Its file is broken in this revision: keep the last good Template rather than delete it.
          kept.push(ref);
          continue;
        }
        try {
          await deleteObject(this.opts.kubeConfig, ref);
          this.recent.forget(key);
          counts.pruned++;
          this.opts.metrics?.applied(CONTROLLER_NAME, "pruned");
        } catch (err) {
          failedPrunes.push(ref);
          transient ??= err instanceof Error ? err : new Error(String(err));
        }
      }
    }
    const inventory = nextInventory([...applied, ...kept], failedPrunes);
    return {
      inventory,
      problems,
      applyFailed,
      transient,
      counts,
      writes: writes(),
    };
  }

  /** The repository's status as the server has it: our last write unless the cache is newer. */
  private liveStatus(repo: Repo): TemplateRepositoryStatus | undefined {
    return this.writtenRepos.fresher(objectKey(repo), repo)?.status;
  }

  private async writeStatus(repo: Repo, next: TemplateRepositoryStatus): Promise<boolean> {
    const previous = this.liveStatus(repo);
    if (sameJson(previous, next)) return false;
    const ref = refOf({
      apiVersion: API_VERSION,
      kind: "TemplateRepository",
      metadata: { name: repo.metadata.name ?? "", namespace: repo.metadata.namespace },
    });
    const result = await patchStatus(this.opts.kubeConfig, ref, statusPatch(previous, next));
    this.writtenRepos.remember(objectKey(repo), result as unknown as Repo);
    return true;
  }

  /** Keys of repositories sharing a Template name with `repo`: their conflict reports depend on it. */
  peersOf(repo: TemplateRepository): string[] {
    const key = objectKey(repo);
    const names = this.states.get(key)?.parsed?.names;
    if (!names || names.size === 0) return [];
    const out: string[] = [];
    for (const other of this.opts.repositories.store.list(repo.metadata?.namespace)) {
      const otherKey = objectKey(other);
      if (otherKey === key) continue;
      const otherNames = this.states.get(otherKey)?.parsed?.names;
      if (otherNames && [...otherNames].some((n) => names.has(n))) out.push(otherKey);
    }
    return out;
  }

  /** Keys of repositories that hold or define a Template: a change to it may concern each of them. */
  repositoriesOf(template: Template): string[] {
    const ns = template.metadata?.namespace ?? "";
    const name = template.metadata?.name ?? "";
    const keys = new Set<string>();
    const holder = template.metadata?.labels?.[REPOSITORY_LABEL];
    if (holder) keys.add(`${ns}/${holder}`);
    for (const repo of this.opts.repositories.store.list(ns)) {
      const key = objectKey(repo);
      if (this.states.get(key)?.parsed?.names.has(name)) keys.add(key);
    }
    return [...keys];
  }

  /** Repositories a webhook with these (normalized) URLs may trigger: those with a webhook secret. */
  webhookTargets(urls: readonly string[]): WebhookTarget[] {
    const targets: WebhookTarget[] = [];
    for (const url of urls) {
      for (const repo of this.opts.repositories.store.byIndex("url", url)) {
        const secretName = repo.spec.webhookSecretRef?.name;
        const ns = repo.metadata?.namespace ?? "";
        if (!secretName) continue;
        targets.push({
          key: objectKey(repo),
          secret: async () => {
            try {
              const secret = await kubeRequest<{ data?: Record<string, string> }>(
                this.opts.kubeConfig,
                `/api/v1/namespaces/${ns}/secrets/${secretName}`,
              );
              const token = secret.data?.token;
              return token === undefined ? undefined : Buffer.from(token, "base64").toString("utf8");
            } catch (err) {
              if (err instanceof KubeApiError && err.statusCode === 404) return undefined;
              throw err;
            }
          },
        });
      }
    }
    return targets;
  }

  /**
   * Asks for a fetch now by annotating the repository, as Flux's receivers do: the leader's
   * informer sees the change, whichever replica took the webhook call.
   */
  async requestSync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    await kubeRequest(
      this.opts.kubeConfig,
      objectPath({ apiVersion: API_VERSION, kind: "TemplateRepository", namespace, name }),
      {
        method: "PATCH",
        body: { metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: new Date().toISOString() } } },
        contentType: "application/merge-patch+json",
      },
    );
  }
}

/** Index function for the repository informer: the normalized URL, for webhook lookups. */
export function urlIndex(repo: TemplateRepository): string[] {
  const url = normalizeRepositoryUrl(repo.spec?.url ?? "");
  return url ? [url] : [];
}
