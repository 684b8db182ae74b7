import type { TemplateRepositoryStatus } from "../../api/generated/types.js";
import { REPOSITORY_LABEL, REQUESTED_AT_ANNOTATION } from "../../api/labels.js";
import { patchStatus } from "../../apply/apply.js";
import { refOf } from "../../apply/inventory.js";
import { objectPath } from "../../apply/resources.js";
import type { Informer } from "../../core/informer.js";
import { KubeApiError, kubeRequest } from "../../core/kube-http.js";
import type { KubeConfig } from "../../core/kubeconfig.js";
import { OwnWrites } from "../../core/own-writes.js";
import type { ReconcileResult } from "../../core/queue.js";
import { objectKey, splitKey } from "../../core/store.js";
import { normalizeRepositoryUrl } from "../../git/url.js";
import type { Logger } from "../../telemetry/log.js";
import type { ReconcilerMetrics } from "../../telemetry/metrics.js";
import { API_VERSION } from "./convert.js";
import type { Repo, Template, TemplateRepository } from "./objects.js";
import { DEFAULT_LIMITS, RepositorySource, type SyncLimits } from "./source.js";
import { buildStatus, sameJson, statusPatch, syncingStatus } from "./status.js";
import { TemplateSync } from "./sync.js";
import type { WebhookTarget } from "./webhook.js";

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

/**
 * Syncs TemplateRepositories in two halves, as Flux does: the source (fetch when due, read → an
 * artifact; src/controllers/repository/source.ts) and the sync (desired Templates → apply → prune;
 * sync.ts), then the status. Between fetches a reconcile (Template and status events cause them) only
 * compares the artifact's Templates with the cluster, which writes nothing when nothing drifted.
 */
export class RepositoryReconciler {
  private readonly opts: RepositoryReconcilerOptions;
  private readonly limits: SyncLimits;
  private readonly source: RepositorySource;
  private readonly sync: TemplateSync;
  // Repositories as our status writes returned them, until the informer has caught up.
  private readonly writtenRepos = new OwnWrites<Repo>();

  constructor(opts: RepositoryReconcilerOptions) {
    this.opts = opts;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.source = new RepositorySource({
      kubeConfig: opts.kubeConfig,
      cacheDir: opts.cacheDir,
      limits: this.limits,
      log: opts.log,
      random: opts.random ?? Math.random,
    });
    this.sync = new TemplateSync({
      kubeConfig: opts.kubeConfig,
      repositories: opts.repositories,
      templates: opts.templates,
      source: this.source,
      log: opts.log,
      ...(opts.metrics ? { metrics: opts.metrics } : {}),
    });
  }

  async reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult | undefined> {
    const repo = this.opts.repositories.store.get(key) as Repo | undefined;
    if (!repo || repo.metadata.deletionTimestamp) {
      this.writtenRepos.forget(key);
      await this.source.forget(key);
      return undefined;
    }
    if (repo.spec.suspend) return undefined;
    const state = this.source.stateOf(key);
    const started = Date.now();
    const due = await this.source.update(repo, state, signal, (revision) =>
      this.announce(repo, revision, signal),
    );
    if (due && signal.aborted) return undefined;

    const fetchedAt = Date.now();
    const previous = this.liveStatus(repo)?.inventory ?? [];
    const outcome = await this.sync.apply(repo, state, previous, signal);
    const appliedAt = Date.now();
    const status = buildStatus({
      previous: this.liveStatus(repo),
      generation: repo.metadata.generation,
      now: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      failure: state.failure,
      revision: state.parsed?.revision,
      problems: outcome.problems,
      applyFailed: outcome.applyFailed,
      inventory: outcome.inventory,
      maxErrors: this.limits.maxStatusErrors,
    });
    const wrote = await this.writeStatus(repo, status, signal);
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

  /** A new revision is being read: the status says Syncing until the sync is done. */
  private async announce(repo: Repo, revision: string, signal: AbortSignal): Promise<void> {
    if (repo.status?.revision === revision) return;
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
    await this.writeStatus(
      repo,
      syncingStatus(this.liveStatus(repo), revision, now, repo.metadata.generation),
      signal,
    );
  }

  /** The repository's status as the server has it: our last write unless the cache is newer. */
  private liveStatus(repo: Repo): TemplateRepositoryStatus | undefined {
    return this.writtenRepos.fresher(objectKey(repo), repo)?.status;
  }

  private async writeStatus(
    repo: Repo,
    next: TemplateRepositoryStatus,
    signal: AbortSignal,
  ): Promise<boolean> {
    const previous = this.liveStatus(repo);
    if (sameJson(previous, next)) return false;
    const ref = refOf({
      apiVersion: API_VERSION,
      kind: "TemplateRepository",
      metadata: { name: repo.metadata.name ?? "", namespace: repo.metadata.namespace },
    });
    const result = await patchStatus(this.opts.kubeConfig, ref, statusPatch(previous, next), signal);
    this.writtenRepos.remember(objectKey(repo), result as unknown as Repo);
    return true;
  }

  /** Keys of repositories sharing a Template name with `repo`: their conflict reports depend on it. */
  peersOf(repo: TemplateRepository): string[] {
    const key = objectKey(repo);
    const names = this.source.artifact(key)?.names;
    if (!names || names.size === 0) return [];
    const out: string[] = [];
    for (const other of this.opts.repositories.store.list(repo.metadata?.namespace)) {
      const otherKey = objectKey(other);
      if (otherKey === key) continue;
      const otherNames = this.source.artifact(otherKey)?.names;
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
      if (this.source.artifact(key)?.names.has(name)) keys.add(key);
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
