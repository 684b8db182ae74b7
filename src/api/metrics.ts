/**
 * Every metric the reconciler exports. Alert rules and dashboards reference these names only; a test
 * checks each one appears in the exposition.
 */
export const METRICS = {
  /** gauge{phase}: Sessions per status.phase, counted from the informer cache at scrape time. */
  sessions: "streamspace_sessions",
  /** counter{controller,result}: finished reconciles; result is success | requeue | error. */
  reconcileTotal: "streamspace_reconcile_total",
  /** histogram{controller}: wall time of one reconcile. */
  reconcileDuration: "streamspace_reconcile_duration_seconds",
  /** gauge{controller}: keys waiting for a worker. */
  queueDepth: "streamspace_workqueue_depth",
  /** gauge{controller}: reconciles allowed at once (adaptive: grows while keys wait, halves on saturation). */
  queueConcurrency: "streamspace_workqueue_concurrency",
  /** histogram{controller}: time a key waited in the queue before a worker took it. */
  queueWait: "streamspace_workqueue_wait_seconds",
  /** counter{controller,result}: objects applied by server-side apply or pruned; result is an ApplyResult. */
  applyTotal: "streamspace_apply_objects_total",
  /** histogram: Session creation to phase Running (pod Ready). */
  sessionReady: "streamspace_session_ready_seconds",
  /** histogram: hibernate requested to workload scaled to zero. */
  sessionHibernate: "streamspace_session_hibernate_seconds",
  /** histogram: wake requested to phase Running again. */
  sessionWake: "streamspace_session_wake_seconds",
  /** counter{resource,reason}: watches re-established; reason is a RestartReason. */
  watchRestarts: "streamspace_watch_restarts_total",
  /** counter{verb,resource,code}: requests to the API server (watches excluded); verb APPLY is server-side apply, code 0 no answer. */
  kubeRequests: "streamspace_kube_requests_total",
  /** histogram{verb,resource}: API server request latency as the reconciler sees it. */
  kubeRequestDuration: "streamspace_kube_request_duration_seconds",
  /** gauge: 1 while this replica holds the leader Lease. */
  leader: "streamspace_leader",
  /** From prom-client's default process metrics; the SPEC budgets the controller's memory and CPU. */
  processResidentMemory: "process_resident_memory_bytes",
  processCpuSeconds: "process_cpu_seconds_total",
} as const;

/** Every metric the API exports; alert rules and the dashboard use only these names. */
export const API_METRICS = {
  /** counter{method,route,status}: answered requests; route is the route pattern, not the URL. */
  requests: "streamspace_api_requests_total",
  /** histogram{method,route}: time to answer. */
  requestDuration: "streamspace_api_request_duration_seconds",
  /** counter{method,result}: logins; method local | oidc, result success | invalid | throttled | error. */
  logins: "streamspace_api_logins_total",
  /** gauge{state}: database connections; state total | idle | waiting. */
  dbPool: "streamspace_api_db_connections",
  /** gauge: open live-update (SSE) streams. */
  liveStreams: "streamspace_api_live_streams",
} as const;
