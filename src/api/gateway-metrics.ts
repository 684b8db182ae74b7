/** Every metric the gateway exports; alert rules and the dashboard use these names only. */
export const GATEWAY_METRICS = {
  /** gauge{template}: viewer connections open on this replica. */
  connections: "streamspace_gateway_connections",
  /** counter{template}: viewer connections accepted. */
  connectionsTotal: "streamspace_gateway_connections_total",
  /** counter{direction}: bytes proxied; direction is `in` (from users) or `out` (to users). */
  bytes: "streamspace_gateway_bytes_total",
  /** counter{reason}: requests the gateway could not proxy (backend refused, reset, timed out). */
  proxyErrors: "streamspace_gateway_proxy_errors_total",
  /** histogram{result}: a request held for a Session to wake; result is `ready`, `failed` or `timeout`. */
  wakeWait: "streamspace_gateway_wake_wait_seconds",
  /** counter: tickets issued by the API. */
  ticketsIssued: "streamspace_gateway_tickets_issued_total",
  /** counter{reason}: tickets and session cookies refused (a Refusal, `anonymous` or `not-owner`). */
  ticketsRefused: "streamspace_gateway_tickets_refused_total",
  /** counter: writes to the API server for connection tracking (bounded per Session). */
  trackingWrites: "streamspace_gateway_tracking_writes_total",
} as const;
