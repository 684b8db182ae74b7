/**
 * What the reconciler was doing over time during a benchmark phase, from its own metrics: queue depth and
 * wait, reconcile durations, the API server's latency and 429s as the reconciler saw them, and the
 * requests it made by verb and resource.
 */
import { METRICS } from "../../src/api/metrics.js";
import { now, sumMetric } from "./sessions-support.js";

/** Reconciler metrics read in one scrape. */
interface Reading {
  readonly at: number;
  readonly depth: number;
  readonly limit: number;
  readonly waitSum: number;
  readonly waitCount: number;
  readonly reconcileSum: number;
  readonly reconcileCount: number;
  readonly requests: number;
  readonly throttled: number;
  readonly requestSum: number;
  readonly requestCount: number;
}

export interface TimelineRow {
  /** Seconds since the phase started. */
  readonly t: number;
  readonly done: number;
  readonly depth: number;
  /** Reconciles the queue allowed at once at the scrape. */
  readonly limit: number;
  /** Averages over the interval before this row, in ms; NaN when nothing happened. */
  readonly waitMs: number;
  readonly reconcileMs: number;
  readonly requestMs: number;
  readonly requestsPerSecond: number;
  readonly throttled: number;
}

const controller = { controller: "session" };

function read(text: string): Reading {
  return {
    at: now(),
    depth: sumMetric(text, METRICS.queueDepth, controller),
    limit: sumMetric(text, METRICS.queueConcurrency, controller),
    waitSum: sumMetric(text, `${METRICS.queueWait}_sum`, controller),
    waitCount: sumMetric(text, `${METRICS.queueWait}_count`, controller),
    reconcileSum: sumMetric(text, `${METRICS.reconcileDuration}_sum`, controller),
    reconcileCount: sumMetric(text, `${METRICS.reconcileDuration}_count`, controller),
    requests: sumMetric(text, METRICS.kubeRequests),
    throttled: sumMetric(text, METRICS.kubeRequests, { code: "429" }),
    requestSum: sumMetric(text, `${METRICS.kubeRequestDuration}_sum`),
    requestCount: sumMetric(text, `${METRICS.kubeRequestDuration}_count`),
  };
}

const average = (sum: number, count: number) => (count > 0 ? (sum / count) * 1000 : Number.NaN);

/**
 * Scrapes every `intervalMs` until stopped; `done` says how many Sessions reached the phase's goal so
 * far. A failed scrape is skipped: the next one covers its interval.
 */
export function sampleTimeline(
  scrape: () => Promise<string>,
  done: () => number,
  intervalMs = 5_000,
): { stop(): Promise<TimelineRow[]> } {
  const rows: TimelineRow[] = [];
  let stopped = false;
  let last: Reading | undefined;
  const start = now();
  const tick = async () => {
    const text = await scrape().catch(() => undefined);
    if (text === undefined) return;
    const r = read(text);
    if (last) {
      rows.push({
        t: (r.at - start) / 1000,
        done: done(),
        depth: r.depth,
        limit: r.limit,
        waitMs: average(r.waitSum - last.waitSum, r.waitCount - last.waitCount),
        reconcileMs: average(r.reconcileSum - last.reconcileSum, r.reconcileCount - last.reconcileCount),
        requestMs: average(r.requestSum - last.requestSum, r.requestCount - last.requestCount),
        requestsPerSecond: (r.requests - last.requests) / ((r.at - last.at) / 1000),
        throttled: r.throttled - last.throttled,
      });
    }
    last = r;
  };
  const loop = (async () => {
    while (!stopped) {
      await tick();
      for (let waited = 0; waited < intervalMs && !stopped; waited += 250)
        await new Promise((r) => setTimeout(r, 250));
    }
    await tick();
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return rows;
    },
  };
}

/** Requests by "VERB resource" from one scrape of the reconciler's metrics. */
export function requestsByKind(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${METRICS.kubeRequests}{`)) continue;
    const verb = /verb="([^"]*)"/.exec(line)?.[1] ?? "?";
    const resource = /resource="([^"]*)"/.exec(line)?.[1] ?? "?";
    const key = `${verb} ${resource}`;
    out.set(key, (out.get(key) ?? 0) + Number(line.split(" ").at(-1)));
  }
  return out;
}

/** `after − before` per key, zeros left out, largest first. */
export function requestDelta(
  before: Map<string, number>,
  after: Map<string, number>,
): Array<[string, number]> {
  return [...after]
    .map(([k, v]): [string, number] => [k, v - (before.get(k) ?? 0)])
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
}

const ms = (v: number) => (Number.isNaN(v) ? "–" : v < 10 ? v.toFixed(1) : v.toFixed(0));

/** At most `maxRows` rows, evenly spread, always the last one. */
export function timelineMarkdown(rows: readonly TimelineRow[], goal: string, maxRows = 16): string[] {
  const step = Math.max(1, Math.ceil(rows.length / maxRows));
  const shown = rows.filter((_, i) => i % step === 0 || i === rows.length - 1);
  return [
    `| t (s) | ${goal} | queue depth | workers | queue wait avg (ms) | reconcile avg (ms) | API request avg (ms) | requests/s | 429s |`,
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...shown.map(
      (r) =>
        `| ${r.t.toFixed(0)} | ${r.done} | ${r.depth} | ${r.limit} | ${ms(r.waitMs)} | ${ms(r.reconcileMs)} | ${ms(r.requestMs)} | ${r.requestsPerSecond.toFixed(0)} | ${r.throttled} |`,
    ),
  ];
}
