import { expect, test } from "vitest";
import { METRICS } from "../../src/api/metrics.js";
import { ReconcilerMetrics } from "../../src/telemetry/metrics.js";

test("every exported metric name appears in the exposition, so alerts and dashboards can rely on them", async () => {
  const metrics = new ReconcilerMetrics();
  const text = await metrics.registry.metrics();
  for (const name of Object.values(METRICS)) {
    expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, "m"));
    expect(name).toMatch(/^(streamspace|process)_[a-z_]+$/);
  }
});

test("sessions by phase are read from the source at scrape time, not accumulated", async () => {
  const metrics = new ReconcilerMetrics({ defaultMetrics: false });
  let phases: Record<string, number> = { Running: 3, Hibernated: 1 };
  metrics.countSessionsWith(() => phases);
  let text = await metrics.registry.metrics();
  expect(text).toContain('streamspace_sessions{phase="Running"} 3');
  expect(text).toContain('streamspace_sessions{phase="Hibernated"} 1');

  phases = { Running: 2 };
  text = await metrics.registry.metrics();
  expect(text).toContain('streamspace_sessions{phase="Running"} 2');
  expect(text).not.toContain('phase="Hibernated"');
});

test("an instrumented reconciler is counted by outcome and timed", async () => {
  const metrics = new ReconcilerMetrics({ defaultMetrics: false });
  let depth = 7;
  metrics.trackQueue("session", { depth: () => depth, limit: () => 12 });
  const reconcile = metrics.instrument("session", async (key) => {
    if (key === "bad") throw new Error("boom");
    return key === "later" ? { requeueAfterMs: 1000 } : undefined;
  });
  const signal = new AbortController().signal;
  await reconcile("ok", signal);
  await reconcile("ok", signal);
  await reconcile("later", signal);
  await expect(reconcile("bad", signal)).rejects.toThrow("boom");
  depth = 2;

  const text = await metrics.registry.metrics();
  expect(text).toContain('streamspace_reconcile_total{controller="session",result="success"} 2');
  expect(text).toContain('streamspace_reconcile_total{controller="session",result="requeue"} 1');
  expect(text).toContain('streamspace_reconcile_total{controller="session",result="error"} 1');
  expect(text).toContain('streamspace_reconcile_duration_seconds_count{controller="session"} 4');
  expect(text).toContain('streamspace_workqueue_depth{controller="session"} 2');
  expect(text).toContain('streamspace_workqueue_concurrency{controller="session"} 12');
});

test("apply results start at zero for every result once a controller applies", async () => {
  const metrics = new ReconcilerMetrics({ defaultMetrics: false });
  metrics.applied("session", "created", 4);
  const text = await metrics.registry.metrics();
  expect(text).toContain('streamspace_apply_objects_total{controller="session",result="created"} 4');
  expect(text).toContain('streamspace_apply_objects_total{controller="session",result="pruned"} 0');
});

test("lifecycle latencies land in the histograms", async () => {
  const metrics = new ReconcilerMetrics({ defaultMetrics: false });
  metrics.observeTimeToReady(12);
  metrics.observeHibernate(2);
  metrics.observeWake(25);
  metrics.watchRestarted("sessions.stream.streamspace.io", "stalled");
  metrics.setLeader(true);
  const text = await metrics.registry.metrics();
  expect(text).toContain('streamspace_session_ready_seconds_bucket{le="15"} 1');
  expect(text).toContain('streamspace_session_ready_seconds_bucket{le="10"} 0');
  expect(text).toContain('streamspace_session_hibernate_seconds_bucket{le="2"} 1');
  expect(text).toContain('streamspace_session_wake_seconds_bucket{le="20"} 0');
  expect(text).toContain(
    'streamspace_watch_restarts_total{resource="sessions.stream.streamspace.io",reason="stalled"} 1',
  );
  expect(text).toContain("streamspace_leader 1");
});
