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
  /** gauge: 1 while this replica holds the leader Lease. */
  leader: "streamspace_leader",
  /** From prom-client's default process metrics; the SPEC budgets the controller's memory and CPU. */
  processResidentMemory: "process_resident_memory_bytes",
  processCpuSeconds: "process_cpu_seconds_total",
} as const;
