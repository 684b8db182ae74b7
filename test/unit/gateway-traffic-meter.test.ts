// The WebSocket proxy counts bytes and activity from the sockets' own byte counts, periodically and at
// close: bytes from the client are activity, bytes from the app alone are not.
import { afterEach, describe, expect, it, vi } from "vitest";
import { TrafficMeter } from "../../src/gateway/traffic-meter.js";

afterEach(() => vi.useRealTimers());

describe("the traffic meter", () => {
  it("adds each direction's new bytes every period and at close, and reports activity only for client bytes", () => {
    vi.useFakeTimers();
    const counted = { in: 0, out: 0 };
    const meter = new TrafficMeter((direction, bytes) => {
      counted[direction] += bytes;
    }, 1000);
    const client = { bytesRead: 500 };
    const app = { bytesRead: 200 };
    let activity = 0;
    const close = meter.watch(client, app, () => activity++);
    app.bytesRead += 64 * 1024 * 10;
    vi.advanceTimersByTime(1000);
    expect(counted).toEqual({ in: 0, out: 64 * 1024 * 10 });
    expect(activity).toBe(0);
    client.bytesRead += 30;
    app.bytesRead += 7;
    close();
    expect(counted).toEqual({ in: 30, out: 64 * 1024 * 10 + 7 });
    expect(activity).toBe(1);
    // Closed: later changes are not counted, and closing again adds nothing.
    client.bytesRead += 99;
    vi.advanceTimersByTime(5000);
    close();
    expect(counted.in).toBe(30);
    meter.stop();
  });
});
