import { parseQuantity as parseOrThrow } from "../../src/api/quantity.js";

/**
 * A Kubernetes quantity in base units (cores, bytes), or undefined when it is not one: the generator
 * reports a bad entry by field rather than stopping at the first throw.
 */
export function parseQuantity(text: string): number | undefined {
  try {
    return parseOrThrow(text);
  } catch {
    return undefined;
  }
}
