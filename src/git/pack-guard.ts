import { inflateSync } from "node:zlib";
import { SyncError } from "./errors.js";

// isomorphic-git inflates every object of a fetched pack in memory to index it. A pack is small on
// the wire but an object's inflated size is whatever its header claims: a few MB of zeros can
// inflate to gigabytes and take the whole reconciler down. Each object is checked here, its
// declared size first and its inflation capped at that size, before isomorphic-git sees the pack.

const OBJ_OFS_DELTA = 6;
const OBJ_REF_DELTA = 7;

function malformed(what: string): SyncError {
  return new SyncError("FetchFailed", `the server sent a malformed pack (${what})`);
}

function size(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** The pack inside an upload-pack response: the payloads of side-band channel 1, concatenated. */
export function packOf(response: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 4 <= response.length) {
    const length = Number.parseInt(response.subarray(offset, offset + 4).toString("latin1"), 16);
    if (Number.isNaN(length)) throw malformed("bad pkt-line length");
    if (length < 4) {
      offset += 4; // flush, delimiter or response-end packets carry no payload
      continue;
    }
    if (offset + length > response.length) throw malformed("truncated pkt-line");
    const payload = response.subarray(offset + 4, offset + length);
    if (payload[0] === 1) parts.push(payload.subarray(1));
    offset += length;
  }
  return Buffer.concat(parts);
}

/** Reads git's little-endian base-128 size (as in delta headers) at `offset`. */
function deltaSize(data: Buffer, offset: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let i = offset;
  for (;;) {
    const byte = data[i++];
    if (byte === undefined || shift > 49) throw malformed("bad delta header");
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return { value, next: i };
  }
}

/**
 * What all objects of one pack may inflate to together. isomorphic-git keeps what it inflates while
 * it indexes a pack: eight 15 MiB objects took the reconciler up by 130 MiB.
 */
export const DEFAULT_MAX_PACK_INFLATED_BYTES = 32 * 2 ** 20;

/**
 * Throws LimitExceeded when an object of `pack` inflates to more than `maxObjectBytes`, or all of
 * them to more than `maxInflatedBytes`; both from the headers, before anything large is inflated.
 */
export function checkPackObjects(
  pack: Buffer,
  maxObjectBytes: number,
  maxInflatedBytes = DEFAULT_MAX_PACK_INFLATED_BYTES,
): void {
  if (pack.length === 0) return;
  let inflatedTotal = 0;
  const addInflated = (bytes: number) => {
    inflatedTotal += bytes;
    if (inflatedTotal > maxInflatedBytes) {
      throw new SyncError(
        "LimitExceeded",
        `the repository's files add up to more than ${size(maxInflatedBytes)} at this revision; keep Templates in a smaller repository`,
      );
    }
  };
  if (pack.length < 12 || pack.subarray(0, 4).toString("latin1") !== "PACK")
    throw malformed("no PACK header");
  const count = pack.readUInt32BE(8);
  let offset = 12;
  for (let n = 0; n < count; n++) {
    let byte = pack[offset++];
    if (byte === undefined) throw malformed("truncated object header");
    const type = (byte >> 4) & 7;
    let declared = byte & 0x0f;
    let shift = 4;
    while (byte & 0x80) {
      byte = pack[offset++];
      if (byte === undefined || shift > 49) throw malformed("bad object header");
      declared += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    }
    if (type === OBJ_OFS_DELTA) {
      while ((pack[offset++] ?? 0) & 0x80);
    } else if (type === OBJ_REF_DELTA) {
      offset += 20;
    }
    if (declared > maxObjectBytes) {
      throw new SyncError(
        "LimitExceeded",
        `the repository holds an object of ${size(declared)}; objects over ${size(maxObjectBytes)} are refused`,
      );
    }
    const delta = type === OBJ_OFS_DELTA || type === OBJ_REF_DELTA;
    if (!delta) addInflated(declared);
    let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      inflated = inflateSync(pack.subarray(offset), {
        info: true,
        maxOutputLength: Math.max(declared, 1),
      }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    } catch {
      throw malformed("an object inflates to more than its header says, or not at all");
    }
    if (delta) {
      const base = deltaSize(inflated.buffer, 0);
      const result = deltaSize(inflated.buffer, base.next);
      if (result.value > maxObjectBytes) {
        throw new SyncError(
          "LimitExceeded",
          `the repository holds an object of ${size(result.value)}; objects over ${size(maxObjectBytes)} are refused`,
        );
      }
      addInflated(result.value);
    }
    offset += inflated.engine.bytesWritten;
  }
}
