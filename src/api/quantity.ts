const SUFFIX: Record<string, number> = {
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * A Kubernetes quantity as a number: CPU in cores, memory and storage in bytes. Never NaN: zero with
 * any exponent is zero ("0e400" is not 0 × ∞), and an amount too large for a number is Infinity,
 * which no limit admits.
 */
export function parseQuantity(value: string | number): number {
  if (typeof value === "number") return value;
  const match = /^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][0-9]+)?$/.exec(value);
  if (!match) throw new Error(`"${value}" is not a Kubernetes quantity`);
  const amount = Number(match[1]);
  if (amount === 0) return 0;
  const unit = match[2] ?? "";
  const scale = /^[eE]/.test(unit) ? 10 ** Number(unit.slice(1)) : (SUFFIX[unit] ?? 1);
  return amount * scale;
}

/**
 * A container limit as a quota counts it. Kubernetes takes a limit of 0 for no limit at all, so it
 * counts as unbounded, not as nothing: such a session fits under no finite quota.
 */
export function limitAmount(value: string | number): number {
  const amount = parseQuantity(value);
  return amount > 0 ? amount : Number.POSITIVE_INFINITY;
}
