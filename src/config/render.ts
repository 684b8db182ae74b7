import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted and <, >, & escaped: byte for byte what Helm's `toJson` prints
 * for the same values (Go's encoding/json), so synth and the chart carry the same config.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The config the reconciler reads, and the checksum that rolls its pods when it changes. */
export function renderConfig(config: unknown): { json: string; checksum: string } {
  const json = canonicalJson(config);
  return { json, checksum: createHash("sha256").update(json).digest("hex") };
}
