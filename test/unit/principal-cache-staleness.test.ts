// The principal cache believes a credential for its TTL at most, and a clear (an identity change made
// through this API) is final: a resolution that began before it is answered but not remembered.
import { describe, expect, it } from "vitest";
import type { Principal } from "../../src/identity/principal.js";
import { PrincipalCache } from "../../src/identity/principal-cache.js";

const alice = (groups: string[]): Principal => ({
  id: 1,
  name: "alice",
  admin: false,
  groups,
  via: "cookie",
  scopes: ["read", "write"],
  credentialId: "l1",
});

describe("principal cache", () => {
  it("answers from memory within the TTL and asks again after it", async () => {
    let t = 0;
    const cache = new PrincipalCache(
      { ttlMs: 5_000 },
      () => t,
      () => 1,
    );
    let stored = alice(["a"]);
    let reads = 0;
    const resolve = async () => {
      reads++;
      return stored;
    };
    expect((await cache.get("k", resolve))?.groups).toEqual(["a"]);
    stored = alice(["b"]);
    t = 4_999;
    expect((await cache.get("k", resolve))?.groups).toEqual(["a"]);
    t = 5_000;
    expect((await cache.get("k", resolve))?.groups).toEqual(["b"]);
    expect(reads).toBe(2);
  });

  it("never believes an entry longer than the TTL, and spreads expiries below it", async () => {
    let t = 0;
    const cache = new PrincipalCache(
      { ttlMs: 4_000 },
      () => t,
      () => 0,
    );
    let reads = 0;
    const resolve = async () => {
      reads++;
      return alice([]);
    };
    await cache.get("k", resolve);
    t = 2_999;
    await cache.get("k", resolve);
    t = 3_000;
    await cache.get("k", resolve);
    expect(reads).toBe(2);
  });

  it("shares one read among concurrent misses of a credential", async () => {
    const cache = new PrincipalCache();
    let reads = 0;
    const resolve = async () => {
      reads++;
      return alice([]);
    };
    await Promise.all([cache.get("k", resolve), cache.get("k", resolve), cache.get("k", resolve)]);
    expect(reads).toBe(1);
  });

  it("does not remember a read that a clear overtook", async () => {
    const cache = new PrincipalCache();
    let release: (p: Principal) => void = () => {};
    const slow = cache.get("k", () => new Promise<Principal>((r) => (release = r)));
    cache.clear(); // the logout commits while the read is under way
    release(alice([]));
    expect(await slow).not.toBeNull();
    expect(await cache.get("k", async () => null)).toBeNull();
  });
});
