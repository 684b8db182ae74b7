/** What the API server's answers to this process looked like over one window. */
export interface LatencyWindow {
  readonly requests: number;
  /** Answers 429 (API Priority and Fairness turned a request away). */
  readonly throttled: number;
  readonly meanSeconds: number;
}

export interface ConcurrencyBounds {
  /** Reconciles at once however slow the API server: the limit never drops below it. */
  readonly min: number;
  readonly max: number;
  /** A mean request latency above this says the API server is saturated: the limit halves. */
  readonly latencyCeilingSeconds: number;
}

/**
 * Additive increase, multiplicative decrease (docs/decisions/0152): the limit grows by a quarter while
 * changes wait for a worker and the API server answers in time, and halves when it turns requests away
 * (429) or its mean latency passes the ceiling. Latency alone is no reason to shrink below that: in a
 * burst most of it is other clients' work, which fewer workers would not make faster.
 */
export function nextLimit(
  limit: number,
  window: LatencyWindow,
  starved: boolean,
  bounds: ConcurrencyBounds,
): number {
  const saturated =
    window.throttled > 0 || (window.requests > 0 && window.meanSeconds > bounds.latencyCeilingSeconds);
  if (saturated) return Math.max(bounds.min, Math.floor(limit / 2));
  if (starved) return Math.min(bounds.max, limit + Math.max(1, Math.ceil(limit / 4)));
  return limit;
}

/** A work queue's concurrency, adjusted once a window from the requests the process saw finish. */
export class AdaptiveConcurrency {
  readonly bounds: ConcurrencyBounds;
  private current: number;
  private requests = 0;
  private throttled = 0;
  private seconds = 0;

  constructor(bounds: ConcurrencyBounds) {
    if (!(bounds.min >= 1 && bounds.max >= bounds.min)) {
      throw new Error(`concurrency bounds ${bounds.min}..${bounds.max}: need 1 ≤ min ≤ max`);
    }
    this.bounds = bounds;
    this.current = bounds.min;
  }

  get limit(): number {
    return this.current;
  }

  /** One finished API request (`code` 0 when no answer came). */
  observe(record: { readonly code: number; readonly seconds: number }): void {
    this.requests++;
    this.seconds += record.seconds;
    if (record.code === 429) this.throttled++;
  }

  /** Ends the window: `starved` says a change waited for a worker in it. Returns the new limit. */
  adjust(starved: boolean): number {
    const window = {
      requests: this.requests,
      throttled: this.throttled,
      meanSeconds: this.requests ? this.seconds / this.requests : 0,
    };
    this.current = nextLimit(this.current, window, starved, this.bounds);
    this.requests = this.throttled = this.seconds = 0;
    return this.current;
  }
}
