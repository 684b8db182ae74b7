// A minimal VNC client over TCP: connects without a password and returns the first full framebuffer
// update (the protocol is rfb-protocol.ts's). Enough for a test to check what a session's desktop
// shows; nothing more (no input, no other encodings).
import { connect, type Socket } from "node:net";
import { handshake, readUpdate, type ServerInit, updateRequest } from "./rfb-protocol.js";

export interface Framebuffer extends ServerInit {
  /** 4 bytes a pixel, blue, green, red, unused (the pixel format we ask for, little-endian). */
  readonly pixels: Buffer;
}

export interface Colour {
  readonly red: number;
  readonly green: number;
  readonly blue: number;
}

/** Reads exactly n bytes at a time from a socket, failing when it closes or the deadline passes. */
class Reader {
  private buffered = Buffer.alloc(0);
  private waiting?: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void };
  private failure?: Error;

  constructor(socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.wake();
    });
    socket.on("error", (err) => this.fail(err));
    socket.on("close", () => this.fail(new Error("the VNC server closed the connection")));
  }

  fail(err: Error): void {
    this.failure ??= err;
    this.waiting?.reject(this.failure);
    this.waiting = undefined;
  }

  private wake(): void {
    const w = this.waiting;
    if (!w || this.buffered.length < w.n) return;
    const out = this.buffered.subarray(0, w.n);
    this.buffered = this.buffered.subarray(w.n);
    this.waiting = undefined;
    w.resolve(out);
  }

  read(n: number): Promise<Buffer> {
    if (this.failure && this.buffered.length < n) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { n, resolve, reject };
      this.wake();
    });
  }
}

/** Connects to host:port and returns the first complete framebuffer update. */
export async function readFramebuffer(host: string, port: number, timeoutMs = 10_000): Promise<Framebuffer> {
  const socket = connect({ host, port });
  // The client's messages are small and each waits for the last: without this, Nagle's algorithm holds
  // the update request until the server acknowledges the pixel format, about 40 ms.
  socket.setNoDelay(true);
  const reader = new Reader(socket);
  const read = (n: number) => reader.read(n);
  const timer = setTimeout(
    () => reader.fail(new Error(`no framebuffer from ${host}:${port} within ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const screen = await handshake(read, (bytes) => socket.write(bytes));
    const pixels = Buffer.alloc(screen.width * screen.height * 4);
    // Not incremental, and asked again after a partial update: until the whole screen has come.
    let covered = 0;
    while (covered < screen.width * screen.height) {
      socket.write(updateRequest(screen, false));
      covered += await readUpdate(read, pixels, screen.width);
    }
    return { ...screen, pixels };
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

export function pixelAt(fb: Framebuffer, x: number, y: number): Colour {
  const o = (y * fb.width + x) * 4;
  return { blue: fb.pixels[o] ?? 0, green: fb.pixels[o + 1] ?? 0, red: fb.pixels[o + 2] ?? 0 };
}

/** The share of the screen's pixels that have exactly this colour. */
export function shareOf(fb: Framebuffer, colour: Colour): number {
  let same = 0;
  for (let o = 0; o < fb.pixels.length; o += 4)
    if (fb.pixels[o] === colour.blue && fb.pixels[o + 1] === colour.green && fb.pixels[o + 2] === colour.red)
      same++;
  return same / (fb.width * fb.height);
}
