export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Upper bound of any delay, jitter included. */
  maxMs: number;
  /** Growth per consecutive failure; default 2. */
  factor?: number;
  /** Relative spread: a delay d becomes uniform in [d·(1−jitter), d·(1+jitter)]; default 0.2. */
  jitter?: number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry). Jitter keeps many replicas or keys that
 * failed together (an apiserver restart) from retrying in lockstep.
 */
export function backoffDelay(
  attempt: number,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  const factor = opts.factor ?? 2;
  const jitter = opts.jitter ?? 0.2;
  const nominal = Math.min(opts.maxMs, opts.baseMs * factor ** Math.max(0, attempt - 1));
  const spread = 1 + jitter * (2 * random() - 1);
  return Math.round(Math.min(opts.maxMs, nominal * spread));
}
