import type { IncomingMessage, ServerResponse } from "node:http";
import { API_GROUP, API_VERSION } from "../../api/schemas/index.js";
import { Controller } from "../../core/controller.js";
import { Informer } from "../../core/informer.js";
import type { KubeConfig } from "../../core/kubeconfig.js";
import { createLogger, type Logger } from "../../telemetry/log.js";
import type { ReconcilerMetrics } from "../../telemetry/metrics.js";
import { CONTROLLER_NAME, type Template, type TemplateRepository } from "./objects.js";
import { RepositoryReconciler, urlIndex } from "./reconciler.js";
import type { SyncLimits } from "./source.js";
import { createWebhookHandler } from "./webhook.js";

export interface RepositoryControllerOptions {
  kubeConfig: KubeConfig;
  /** Namespace of the TemplateRepositories and their Templates; omitted: all namespaces. */
  namespace?: string;
  /** Where git caches are kept (an emptyDir is enough: a lost cache costs one shallow clone). */
  cacheDir: string;
  log?: Logger;
  metrics?: ReconcilerMetrics;
  limits?: Partial<SyncLimits>;
  /** Repositories synced at once; a repository that hangs until its timeout holds one. Default 4. */
  concurrency?: number;
  /**
   * A Template informer on the same namespace that the process already runs (the Session
   * controller's), to share one watch; it is then not among the returned informers.
   */
  templates?: Informer<Template>;
}

export interface RepositoryController {
  /** Run it while leading: `controller.run(signal)`. */
  controller: Controller<TemplateRepository>;
  /** Start them on every replica (the webhook handler reads their caches); stop them on exit. */
  informers: [Informer<TemplateRepository>] | [Informer<TemplateRepository>, Informer<Template>];
  /** Mount at `/hooks/git` on the reconciler's HTTP server. */
  webhookHandler: (req: IncomingMessage, res: ServerResponse) => void;
  reconciler: RepositoryReconciler;
}

/**
 * The TemplateRepository controller: TemplateRepositories in, Templates out. It reconciles a
 * repository when it changes, at its interval, when a Template it holds or defines changes, and when
 * a repository sharing a Template name with it changes (their conflict reports depend on each other).
 */
export function createRepositoryController(opts: RepositoryControllerOptions): RepositoryController {
  const log = (opts.log ?? createLogger()).child({ controller: CONTROLLER_NAME });
  const group = API_GROUP;
  const repositories = new Informer<TemplateRepository>({
    kubeConfig: opts.kubeConfig,
    resource: { group, version: API_VERSION, plural: "templaterepositories" },
    namespace: opts.namespace,
    indexers: { url: urlIndex },
    log,
  });
  const templates =
    opts.templates ??
    new Informer<Template>({
      kubeConfig: opts.kubeConfig,
      resource: { group, version: API_VERSION, plural: "templates" },
      namespace: opts.namespace,
      log,
    });
  const reconciler = new RepositoryReconciler({
    kubeConfig: opts.kubeConfig,
    repositories,
    templates,
    cacheDir: opts.cacheDir,
    log,
    metrics: opts.metrics,
    limits: opts.limits,
  });
  const controller = new Controller<TemplateRepository>({
    name: CONTROLLER_NAME,
    informer: repositories,
    concurrency: opts.concurrency ?? 4,
    log,
    metrics: opts.metrics,
    // A fetch has its own timeout (spec.timeout); this bounds the whole reconcile around it.
    deadlineMs: 15 * 60_000,
    reconcile: (key, signal) => reconciler.reconcile(key, signal),
  })
    .watches(templates, (t) => reconciler.repositoriesOf(t))
    .watches(repositories, (r) => reconciler.peersOf(r));
  const webhookHandler = createWebhookHandler({
    targets: (urls) => reconciler.webhookTargets(urls),
    trigger: (key) => reconciler.requestSync(key),
    onError: (err) => log.error("webhook failed", { err }),
  });
  return {
    controller,
    informers: opts.templates ? [repositories] : [repositories, templates],
    webhookHandler,
    reconciler,
  };
}
