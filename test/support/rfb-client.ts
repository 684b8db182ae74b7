// A small RFB (VNC) client over WebSocket, enough to check what a browser viewer (noVNC) would see: the
// handshake with security type None, then one full framebuffer update in Raw encoding at 32 bpp.
import type WebSocket from "ws";

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

export interface Framebuffer {
  readonly width: number;
  readonly height: number;
  readonly name: string;
  /** [r, g, b] of one pixel. */
  pixel(x: number, y: number): [number, number, number];
}

/**
 * Runs the RFB 3.8 handshake on an open WebSocket, then reads framebuffer updates (a full one, then
 * incremental ones, as a viewer does) until `done` says the screen is as expected or `timeoutMs` passes;
 * returns the screen as it is then. x11vnc serves a blank screen until its first poll of the display.
 */
export async function readScreen(
  ws: WebSocket,
  done: (fb: Framebuffer) => boolean,
  timeoutMs = 10_000,
): Promise<Framebuffer> {
  const r = new ByteReader(ws);
  const version = (await r.read(12)).toString("latin1");
  if (!version.startsWith("RFB 003.")) throw new Error(`not an RFB server: ${JSON.stringify(version)}`);
  ws.send(Buffer.from("RFB 003.008\n", "latin1"));
  const count = (await r.read(1))[0] ?? 0;
  if (count === 0)
    throw new Error(`server refused: ${(await r.read((await r.read(4)).readUInt32BE(0))).toString()}`);
  const types = [...(await r.read(count))];
  if (!types.includes(1)) throw new Error(`server wants a password (security types ${types.join(",")})`);
  ws.send(Buffer.from([1]));
  const result = (await r.read(4)).readUInt32BE(0);
  if (result !== 0) throw new Error(`security handshake failed (${result})`);
  ws.send(Buffer.from([1])); // ClientInit: shared
  const init = await r.read(24);
  const width = init.readUInt16BE(0);
  const height = init.readUInt16BE(2);
  const name = (await r.read(init.readUInt32BE(20))).toString("utf8");

  // SetPixelFormat: 32 bpp, depth 24, little-endian true colour, red at bit 16, green 8, blue 0.
  const format = Buffer.alloc(20);
  format.writeUInt8(0, 0);
  format.set([32, 24, 0, 1], 4);
  format.writeUInt16BE(255, 8);
  format.writeUInt16BE(255, 10);
  format.writeUInt16BE(255, 12);
  format.set([16, 8, 0], 14);
  // SetEncodings: Raw only.
  const encodings = Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]);
  // FramebufferUpdateRequest of the whole screen.
  const request = (incremental: boolean) => {
    const message = Buffer.alloc(10);
    message.writeUInt8(3, 0);
    message.writeUInt8(incremental ? 1 : 0, 1);
    message.writeUInt16BE(width, 6);
    message.writeUInt16BE(height, 8);
    return message;
  };
  ws.send(Buffer.concat([format, encodings, request(false)]));

  const pixels = Buffer.alloc(width * height * 4);
  const screen: Framebuffer = {
    width,
    height,
    name,
    pixel(x, y) {
      const o = (y * width + x) * 4;
      return [pixels[o + 2] ?? 0, pixels[o + 1] ?? 0, pixels[o] ?? 0];
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await readUpdate(r, pixels, width);
    if (done(screen) || Date.now() > deadline) return screen;
    await new Promise((resolve) => setTimeout(resolve, 100));
    ws.send(request(true));
  }
}

/** Reads server messages up to and including one FramebufferUpdate, drawing it into `pixels`. */
async function readUpdate(r: ByteReader, pixels: Buffer, width: number): Promise<void> {
  for (;;) {
    const type = (await r.read(1))[0];
    if (type === 2) continue; // Bell
    if (type === 3) {
      await r.read(3);
      await r.read((await r.read(4)).readUInt32BE(0));
      continue;
    }
    if (type !== 0) throw new Error(`unexpected server message ${type}`);
    await r.read(1);
    const rects = (await r.read(2)).readUInt16BE(0);
    for (let i = 0; i < rects; i++) {
      const h = await r.read(12);
      const [x, y, w, rh] = [h.readUInt16BE(0), h.readUInt16BE(2), h.readUInt16BE(4), h.readUInt16BE(6)];
      const encoding = h.readInt32BE(8);
      if (encoding !== 0) throw new Error(`unexpected encoding ${encoding}`);
      const data = await r.read(w * rh * 4);
      for (let row = 0; row < rh; row++)
        data.copy(pixels, ((y + row) * width + x) * 4, row * w * 4, (row + 1) * w * 4);
    }
    return;
  }
}
