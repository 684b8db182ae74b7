// A minimal VNC (RFB 3.8, RFC 6143) client: connects without a password, asks for 32-bit true
// colour in raw encoding, and returns the first full framebuffer update. Enough for a test to check
// what a session's desktop shows; nothing more (no input, no other encodings).
import { connect, type Socket } from "node:net";

export interface Framebuffer {
  readonly width: number;
  readonly height: number;
  /** The desktop's name as the server reports it. */
  readonly name: string;
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
  const reader = new Reader(socket);
  const timer = setTimeout(
    () => reader.fail(new Error(`no framebuffer from ${host}:${port} within ${timeoutMs} ms`)),
    timeoutMs,
  );
  try {
    const version = (await reader.read(12)).toString("latin1");
    if (!/^RFB 003\.00[378]\n$/.test(version))
      throw new Error(`not a VNC server: ${JSON.stringify(version)}`);
    const refused = async () => {
      const length = (await reader.read(4)).readUInt32BE(0);
      return new Error(`VNC server refused: ${(await reader.read(length)).toString()}`);
    };
    if (version === "RFB 003.003\n") {
      // RFB 3.3 (what TigerVNC answers a host it refuses): the server picks the security type.
      socket.write(version);
      const type = (await reader.read(4)).readUInt32BE(0);
      if (type === 0) throw await refused();
      if (type !== 1) throw new Error(`VNC server wants authentication (security type ${type})`);
    } else {
      socket.write("RFB 003.008\n");
      const count = (await reader.read(1))[0] ?? 0;
      if (count === 0) throw await refused();
      const types = [...(await reader.read(count))];
      if (!types.includes(1))
        throw new Error(`VNC server wants authentication (security types ${types.join(", ")})`);
      socket.write(Buffer.from([1]));
      if ((await reader.read(4)).readUInt32BE(0) !== 0) throw new Error("VNC security handshake failed");
    }
    socket.write(Buffer.from([1])); // ClientInit: share the desktop
    const init = await reader.read(24);
    const width = init.readUInt16BE(0);
    const height = init.readUInt16BE(2);
    const name = (await reader.read(init.readUInt32BE(20))).toString();

    // SetPixelFormat: 32 bits per pixel, depth 24, little-endian, true colour, 8 bits a channel.
    const format = Buffer.alloc(20);
    format.writeUInt8(0, 0);
    Buffer.from([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0]).copy(format, 4);
    // SetEncodings: raw only.
    const encodings = Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]);
    // FramebufferUpdateRequest: the whole screen, not incremental.
    const request = Buffer.alloc(10);
    request.writeUInt8(3, 0);
    request.writeUInt16BE(width, 6);
    request.writeUInt16BE(height, 8);
    socket.write(Buffer.concat([format, encodings, request]));

    const pixels = Buffer.alloc(width * height * 4);
    let covered = 0;
    for (;;) {
      const type = (await reader.read(1))[0];
      if (type === 2) continue; // Bell
      if (type === 3) {
        const length = (await reader.read(7)).readUInt32BE(3); // ServerCutText
        await reader.read(length);
        continue;
      }
      if (type !== 0) throw new Error(`unexpected VNC message type ${type}`);
      const rects = (await reader.read(3)).readUInt16BE(1);
      for (let i = 0; i < rects; i++) {
        const header = await reader.read(12);
        const [x, y, w, h] = [0, 2, 4, 6].map((o) => header.readUInt16BE(o)) as [
          number,
          number,
          number,
          number,
        ];
        const encoding = header.readInt32BE(8);
        if (encoding !== 0) throw new Error(`VNC server sent encoding ${encoding}, not raw`);
        const data = await reader.read(w * h * 4);
        for (let row = 0; row < h; row++)
          data.copy(pixels, ((y + row) * width + x) * 4, row * w * 4, (row + 1) * w * 4);
        covered += w * h;
      }
      if (covered >= width * height) return { width, height, name, pixels };
      socket.write(request); // a partial update: ask again for the whole screen
    }
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
