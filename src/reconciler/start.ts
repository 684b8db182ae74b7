import type { KubernetesObject } from "@kubernetes/client-node";
import { RECONCILER_NAME } from "../../constructs/platform/labels.js";
import { SESSION_LABEL } from "../api/labels.js";
import { templatePolicy } from "../api/validation/template-policy.js";
import type { ResolvedPlatformConfig } from "../config/platform-config.js";
import { createRepositoryController } from "../controllers/repository/controller.js";
import { onlyStatusChanged, ownerSessionKey, sessionInformers } from "../controllers/session/informers.js";
import { awaitsAdmission } from "../controllers/session/quota.js";
import { SessionReconciler } from "../controllers/session/reconcile.js";
import { templateReconciler } from "../controllers/template/reconcile.js";
import { AdaptiveConcurrency } from "../core/concurrency.js";
import { Controller } from "../core/controller.js";
import { EventRecorder } from "../core/events.js";
import type { Informer } from "../core/informer.js";
import { observeRequests } from "../core/kube-http.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import { LeaderElector } from "../core/leader.js";
import { objectKey } from "../core/store.js";
import { createLogger, type Logger } from "../telemetry/log.js";
import { ReconcilerMetrics } from "../telemetry/metrics.js";
import { startTelemetryServer, type TelemetryServer } from "../telemetry/server.js";

export interface ReconcilerOptions {
  readonly kubeConfig: KubeConfig;
  readonly config: ResolvedPlatformConfig;
  /** Unique per replica (the pod name in a cluster). */
  readonly identity: string;
  /** Port of /metrics, /healthz and /readyz; 0 picks a free one. Default: the config's. */
  readonly metricsPort?: number;
  /** Default true. Off, this replica reconciles at once and alone (tests, a single local process). */
  readonly leaderElection?: boolean;
  readonly leaseDurationSeconds?: number;
  /** How often every cached object is reconciled again without an event. Default: the informers' 10 min. */
  readonly resyncMs?: number;
  /** Where TemplateRepository checkouts are cached. Default /var/cache/streamspace (an emptyDir in the cluster). */
  readonly gitCacheDir?: string;
  /** Session reconciles at once, at least. Default 8. */
  readonly concurrency?: number;
  /** At most: the limit adapts between the two to the API server's answers (docs/decisions/0152). Default 32. */
  readonly maxConcurrency?: number;
  readonly log?: Logger;
  readonly now?: () => number;
}

export interface RunningReconciler {
  readonly metrics: ReconcilerMetrics;
  readonly telemetry: TelemetryServer;
  readonly isLeader: () => boolean;
  /** Stops reconciling, releases the Lease (so another replica takes over at once) and closes watches. */
  stop(): Promise<void>;
}

const PHASES = ["Pending", "Running", "Hibernated", "Failed", "Terminated"];

/**
 * The reconciler process: informers on every replica (warm caches make failover fast), controllers
 * only on the leader, telemetry always.
 */
export async function startReconciler(opts: ReconcilerOptions): Promise<RunningReconciler> {
  const log = opts.log ?? createLogger();
  const metrics = new ReconcilerMetrics();
  const { config, kubeConfig } = opts;
  const min = opts.concurrency ?? 8;
  const sessionConcurrency = new AdaptiveConcurrency({
    min,
    max: Math.max(min, opts.maxConcurrency ?? 32),
    latencyCeilingSeconds: 1,
  });
  // Every request of the process, not only the Session controller's: the limit follows the API server's
  // latency and 429s, and the repository controller's or the leader's requests meet the same server.
  const unobserve = observeRequests((record) => {
    metrics.requested(record);
    sessionConcurrency.observe(record);
  });
  const informers = sessionInformers(kubeConfig, config.sessionNamespace, log, opts.resyncMs);
  const { sessions, templates, quotas, deployments, services, ingresses, pods } = informers;

  const keysOf = (list: { metadata?: { namespace?: string; name?: string } }[]) =>
    list.map((o) => objectKey(o as never));
  const sessionController = new Controller({
    name: "session",
    informer: sessions,
    routineUpdate: onlyStatusChanged,
    concurrency: sessionConcurrency,
    log,
    metrics,
    reconcile: new SessionReconciler({
      kubeConfig,
      informers,
      config,
      log,
      metrics,
      events: new EventRecorder(kubeConfig, "streamspace.io/session-controller", opts.identity, log),
      ...(opts.now ? { now: opts.now } : {}),
    }).reconcile,
  })
    .watches(templates, (t) => keysOf(sessions.store.byIndex("template", objectKey(t))))
    .watches(quotas, (q) => keysOf(sessions.store.list(q.metadata?.namespace)))
    // One session's change can admit or refuse another of the same user that awaits admission (quota);
    // requeueing all of the user's sessions would cost each change a reconcile per session.
    .watches(sessions, (s) =>
      keysOf(
        sessions.store.byIndex("user", `${s.metadata?.namespace}/${s.spec.user}`).filter(awaitsAdmission),
      ),
    )
    .watches(deployments, ownerSessionKey)
    .watches(services, ownerSessionKey)
    .watches(ingresses, ownerSessionKey)
    .reads(informers.claims)
    .watches(pods, (p) =>
      keysOf(
        sessions.store.byIndex(
          "podLabel",
          `${p.metadata?.namespace}/${p.metadata?.labels?.[SESSION_LABEL] ?? ""}`,
        ),
      ),
    );
  const templateController = new Controller({
    name: "template",
    informer: templates,
    log,
    metrics,
    reconcile: templateReconciler(kubeConfig, templates, opts.now, templatePolicy(config)),
  });
  const repositories = createRepositoryController({
    kubeConfig,
    namespace: config.sessionNamespace,
    cacheDir: opts.gitCacheDir ?? "/var/cache/streamspace",
    log,
    metrics,
    templates,
    limits: { allowedHosts: config.security.repositoryHosts },
  });
  // Every informer, of whatever kind: they are only started, stopped and asked whether they synced.
  const all = [
    ...Object.values(informers),
    ...repositories.informers,
  ] as unknown as Informer<KubernetesObject>[];
  const controllers = [sessionController, templateController, repositories.controller];

  for (const informer of all) {
    informer.on("restart", (reason) => metrics.watchRestarted(informer.description, reason));
    informer.start();
  }
  metrics.countSessionsWith(() => {
    const counts = Object.fromEntries(PHASES.map((p) => [p, 0]));
    for (const s of sessions.store.list()) {
      const phase = s.status?.phase ?? "Pending";
      counts[phase] = (counts[phase] ?? 0) + 1;
    }
    return counts;
  });

  let leading = false;
  const runControllers = (signal: AbortSignal) =>
    Promise.all(controllers.map((c) => c.run(signal))).then(() => undefined);
  let elector: LeaderElector | undefined;
  const standalone = new AbortController();
  if (opts.leaderElection === false) {
    leading = true;
    void runControllers(standalone.signal);
  } else {
    elector = new LeaderElector({
      kubeConfig,
      namespace: config.namespace,
      name: RECONCILER_NAME,
      identity: opts.identity,
      ...(opts.leaseDurationSeconds ? { leaseDurationSeconds: opts.leaseDurationSeconds } : {}),
      log,
      onStartedLeading: (signal) => {
        leading = true;
        metrics.setLeader(true);
        return runControllers(signal);
      },
      onStoppedLeading: () => {
        leading = false;
        metrics.setLeader(false);
      },
    });
    elector.start();
  }
  const telemetry = await startTelemetryServer({
    port: opts.metricsPort ?? config.reconciler.metricsPort,
    registry: metrics.registry,
    log,
    // Any replica takes a webhook: it only annotates the repository, which the leader then syncs.
    handlers: { "/hooks/git": repositories.webhookHandler },
    readiness: {
      informers: () => all.every((i) => i.healthy),
      ...(elector ? { leaderElection: () => (elector as LeaderElector).healthy } : {}),
    },
  });
  log.info("reconciler started", { identity: opts.identity, namespace: config.sessionNamespace });
  return {
    metrics,
    telemetry,
    isLeader: () => leading,
    async stop() {
      standalone.abort();
      await elector?.stop();
      await Promise.all(all.map((i) => i.stop()));
      await telemetry.close();
      unobserve();
      log.info("reconciler stopped");
    },
  };
}
