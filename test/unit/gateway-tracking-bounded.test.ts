// Connection tracking writes at most once per Session per interval, however many connections and
// messages come in, and what it writes adds up.
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ConnectionCounts, ConnectionTracker, sumCounts } from "../../src/gateway/connections.js";
import { createLogger } from "../../src/telemetry/log.js";

afterEach(() => vi.useRealTimers());

describe("the connection tracker", () => {
  it("saves a burst of connects, messages and disconnects in one write per interval, with the right counts", async () => {
    vi.useFakeTimers();
    const saves: Array<{ at: number; counts: ConnectionCounts }> = [];
    const tracker = new ConnectionTracker({
      store: {
        save: async (_ns, _name, _replica, counts) => {
          saves.push({ at: Date.now(), counts });
        },
        totals: async () => ({ active: 0, total: 0 }),
      },
      replica: "gw-1",
      intervalMs: 10_000,
      refreshMs: 60_000,
      log: createLogger({ level: "error" }),
    });
    for (let i = 0; i < 100; i++) tracker.connected("ns", "s");
    for (let i = 0; i < 10_000; i++) tracker.activity("ns", "s");
    for (let i = 0; i < 40; i++) tracker.disconnected("ns", "s");
    await vi.advanceTimersByTimeAsync(35_000);
    expect(saves).toHaveLength(1);
    expect(saves[0]?.counts).toMatchObject({ active: 60, total: 100 });
    for (let i = 0; i < 60; i++) tracker.disconnected("ns", "s");
    for (let i = 0; i < 1000; i++) tracker.activity("ns", "s");
    await vi.advanceTimersByTimeAsync(35_000);
    expect(saves).toHaveLength(2);
    expect((saves[1]?.at ?? 0) - (saves[0]?.at ?? 0)).toBeGreaterThanOrEqual(10_000);
    expect(saves[1]?.counts).toMatchObject({ active: 0, total: 100 });
    await tracker.flush();
  });

  it("sums replicas, and a replica silent too long counts no active viewers", () => {
    const now = 1_000_000;
    const sum = sumCounts(
      [
        { active: 3, total: 10, lastActivity: 5, writtenAt: now - 1000 },
        { active: 2, total: 4, lastActivity: 9, writtenAt: now - 1000 },
        { active: 7, total: 7, lastActivity: 1, writtenAt: now - 999_999 },
      ],
      now,
      60_000,
    );
    expect(sum).toMatchObject({ active: 5, total: 21, lastActivity: 9 });
  });
});
