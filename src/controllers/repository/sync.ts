import { REPOSITORY_LABEL, SOURCE_COMMIT_ANNOTATION, SOURCE_PATH_ANNOTATION } from "../../api/labels.js";
import type { KubeObject } from "../../apply/apply.js";
import { nextInventory, type ObjectRef, refOf, staleRefs } from "../../apply/inventory.js";
import { ApplyRefusedError, appliedFrom, ResourceManager } from "../../apply/manager.js";
import type { Informer } from "../../core/informer.js";
import { KubeApiError } from "../../core/kube-http.js";
import type { KubeConfig } from "../../core/kubeconfig.js";
import { objectKey } from "../../core/store.js";
import type { Logger } from "../../telemetry/log.js";
import type { ReconcilerMetrics } from "../../telemetry/metrics.js";
import { isHandMade, type RepositoryRank, resolveConflicts } from "./conflicts.js";
import { API_VERSION } from "./convert.js";
import type { Problem, TemplateDefinition } from "./manifests.js";
import { CONTROLLER_NAME, type Repo, type Template, type TemplateRepository } from "./objects.js";
import type { RepositorySource, SourceState } from "./source.js";

// The sync half of a repository's reconcile, after Flux's kustomize-controller: the desired Templates
// of an artifact, applied through the one applier, what is no longer defined pruned.

const APPLY_CONCURRENCY = 16;

export function rank(repo: TemplateRepository): RepositoryRank {
  return { name: repo.metadata?.name ?? "", creationTimestamp: repo.metadata?.creationTimestamp };
}

/** What one sync did, for the status and the log. */
export interface SyncOutcome {
  readonly inventory: ObjectRef[];
  readonly problems: Problem[];
  readonly applyFailed: boolean;
  /** A failure worth retrying soon (the API server, not the repository's content). */
  readonly transient: Error | undefined;
  readonly counts: Record<"created" | "configured" | "unchanged" | "pruned", number>;
  readonly writes: number;
}

export interface TemplateSyncDeps {
  readonly kubeConfig: KubeConfig;
  readonly repositories: Informer<TemplateRepository>;
  readonly templates: Informer<Template>;
  readonly source: RepositorySource;
  readonly log: Logger;
  readonly metrics?: ReconcilerMetrics;
}

export class TemplateSync {
  private readonly manager: ResourceManager;

  constructor(private readonly deps: TemplateSyncDeps) {
    this.manager = new ResourceManager({
      kubeConfig: deps.kubeConfig,
      cached: (ref) =>
        deps.templates.store.get(`${ref.namespace ?? ""}/${ref.name}`) as KubeObject | undefined,
      controller: CONTROLLER_NAME,
      log: deps.log,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
    });
    this.manager.forgetDeleted("Template", deps.templates);
  }

  /** Other repositories of the namespace that define `name`, or hold it while not synced here yet. */
  private claimants(namespace: string, name: string): RepositoryRank[] {
    const out: RepositoryRank[] = [];
    const live = this.deps.templates.store.get(`${namespace}/${name}`);
    const holder = live?.metadata?.labels?.[REPOSITORY_LABEL];
    for (const repo of this.deps.repositories.store.list(namespace)) {
      if (repo.metadata?.deletionTimestamp) continue;
      const parsed = this.deps.source.artifact(objectKey(repo));
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
      if (appliedFrom(unchanged, live)) return unchanged;
    }
    return template(commit);
  }

  /** A Template as the server has it: our last write unless the cache is newer. */
  private live(namespace: string, name: string): KubeObject | undefined {
    return this.manager.live({ apiVersion: API_VERSION, kind: "Template", namespace, name });
  }

  /**
   * Applies the artifact's Templates (conflicts resolved), then prunes what `previous` held and the
   * artifact no longer defines, when the artifact is the fetched commit's.
   */
  async apply(
    repo: Repo,
    state: SourceState,
    previous: readonly ObjectRef[],
    signal: AbortSignal,
  ): Promise<SyncOutcome> {
    const ns = repo.metadata.namespace ?? "";
    const self = repo.metadata.name ?? "";
    const counts = { created: 0, configured: 0, unchanged: 0, pruned: 0 };
    const problems: Problem[] = [];
    let applyFailed = false;
    let transient: Error | undefined;
    const parsed = state.parsed;
    if (!parsed) return { inventory: [...previous], problems: [], applyFailed, transient, counts, writes: 0 };
    const writes = () => counts.created + counts.configured + counts.pruned;

    const handMade = (name: string) =>
      isHandMade(this.deps.templates.store.get(`${ns}/${name}`), REPOSITORY_LABEL);
    const resolution = resolveConflicts(
      rank(repo),
      parsed.definitions,
      (name) => this.claimants(ns, name),
      handMade,
    );
    problems.push(...parsed.problems, ...resolution.problems);
    const desired = resolution.winners.map((definition) =>
      this.desired(repo, definition, parsed.commit, this.live(ns, definition.name)),
    );
    const applied = desired.map(refOf);
    const { changes, failures } = await this.manager.applyAll(desired, {
      concurrency: APPLY_CONCURRENCY,
      signal,
    });
    for (const { action } of changes) counts[action]++;
    for (const { ref, error } of failures) {
      if (!(error instanceof KubeApiError) || error.statusCode >= 500 || error.statusCode === 429) {
        transient ??= error;
      }
      applyFailed = true;
      const definition = resolution.winners.find((d) => d.name === ref.name);
      problems.push({
        file: definition?.file ?? "",
        document: definition?.document ?? 0,
        message:
          error instanceof ApplyRefusedError
            ? error.message
            : `could not apply Template ${ref.name}: ${error.message}`,
        severity: "Error",
      });
    }

    const pruneAllowed = !state.failure && state.fetched?.commit === parsed.commit;
    const stale = staleRefs(previous, applied);
    const kept: ObjectRef[] = [];
    const failedPrunes: ObjectRef[] = [];
    if (!pruneAllowed) {
      // The repository could not be read: what it held before is kept, and stays ours.
      kept.push(...stale);
    } else if (repo.spec.prune !== false && repo.metadata.uid) {
      const prunable = stale.filter((ref) => {
        const sourcePath = (
          this.live(ref.namespace ?? ns, ref.name)?.metadata.annotations as Record<string, string> | undefined
        )?.[SOURCE_PATH_ANNOTATION];
        // Its file is broken in this revision: keep the last good Template rather than delete it.
        const broken = sourcePath !== undefined && parsed.brokenFiles.has(sourcePath);
        if (broken) kept.push(ref);
        return !broken;
      });
      const pruned = await this.manager.prune(
        prunable,
        { labels: { [REPOSITORY_LABEL]: self }, ownerUid: repo.metadata.uid },
        signal,
      );
      counts.pruned += pruned.deleted.length;
      failedPrunes.push(...pruned.failed);
      if (pruned.failed.length > 0)
        transient ??= new Error(`could not prune ${pruned.failed.map((r) => r.name).join(", ")}`);
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
}
