// A small RFB (VNC) client over WebSocket, enough to check what a browser viewer (noVNC) would see
// through the gateway (the protocol is rfb-protocol.ts's, as for the TCP client in rfb.ts).
import type WebSocket from "ws";
import { handshake, readUpdate, type ServerInit, updateRequest } from "./rfb-protocol.js";

/** Reads exact byte counts from a WebSocket's binary messages. */
class ByteReader {
  private buffered = Buffer.alloc(0);
  private waiting?: () => void;
  private closed?: Error;

  constructor(ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, data]);
      this.waiting?.();
    });
    ws.on("close", (code, reason) => {
      this.closed = new Error(`connection closed (${code} ${reason.toString()})`);
      this.waiting?.();
    });
  }

  async read(n: number): Promise<Buffer> {
    while (this.buffered.length < n) {
      if (this.closed) throw this.closed;
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
      this.waiting = undefined;
    }
    const out = this.buffered.subarray(0, n);
    this.buffered = this.buffered.subarray(n);
    return out;
  }
}

export interface Framebuffer extends ServerInit {
  /** [r, g, b] of one pixel. */
  pixel(x: number, y: number): [number, number, number];
}

/**
 * Runs the RFB handshake on an open WebSocket, then reads framebuffer updates (a full one, then
 * incremental ones, as a viewer does) until `done` says the screen is as expected or `timeoutMs` passes;
 * returns the screen as it is then. A server that polls the display (x11vnc) may serve a blank screen
 * until its first poll.
 */
export async function readScreen(
  ws: WebSocket,
  done: (fb: Framebuffer) => boolean,
  timeoutMs = 10_000,
): Promise<Framebuffer> {
  const r = new ByteReader(ws);
  const read = (n: number) => r.read(n);
  const init = await handshake(read, (bytes) => ws.send(bytes));
  const pixels = Buffer.alloc(init.width * init.height * 4);
  const screen: Framebuffer = {
    ...init,
    pixel(x, y) {
      const o = (y * init.width + x) * 4;
      return [pixels[o + 2] ?? 0, pixels[o + 1] ?? 0, pixels[o] ?? 0];
    },
  };
  const deadline = Date.now() + timeoutMs;
  ws.send(updateRequest(init, false));
  for (;;) {
    await readUpdate(read, pixels, init.width);
    if (done(screen) || Date.now() > deadline) return screen;
    await new Promise((resolve) => setTimeout(resolve, 100));
    ws.send(updateRequest(init, true));
  }
}
