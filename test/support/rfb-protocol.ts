// The RFB (VNC, RFC 6143) client side that the tests' two VNC clients share, over any byte stream: a
// TCP socket (rfb.ts) or a gateway's WebSocket (rfb-client.ts). Security type None only, 32-bit true
// colour, Raw encoding only: enough to check what a screen shows.

/** Resolves with exactly n bytes of the stream, or rejects once it has closed. */
export type ReadBytes = (n: number) => Promise<Buffer>;
export type WriteBytes = (bytes: Buffer) => void;

export interface ServerInit {
  readonly width: number;
  readonly height: number;
  /** The desktop's name as the server reports it. */
  readonly name: string;
}

/**
 * From the server's version to ServerInit, then asks for 4 bytes a pixel (blue, green, red, unused:
 * little-endian, red at bit 16) in Raw encoding. RFB 3.3 is how TigerVNC refuses a host: there the
 * server picks the security type, and 0 means refused, with a reason.
 */
export async function handshake(read: ReadBytes, write: WriteBytes): Promise<ServerInit> {
  const version = (await read(12)).toString("latin1");
  if (!/^RFB 003\.00[378]\n$/.test(version)) throw new Error(`not a VNC server: ${JSON.stringify(version)}`);
  const refused = async () =>
    new Error(`VNC server refused: ${(await read((await read(4)).readUInt32BE(0))).toString()}`);
  if (version === "RFB 003.003\n") {
    write(Buffer.from(version, "latin1"));
    const type = (await read(4)).readUInt32BE(0);
    if (type === 0) throw await refused();
    if (type !== 1) throw new Error(`VNC server wants authentication (security type ${type})`);
  } else {
    write(Buffer.from("RFB 003.008\n", "latin1"));
    const count = (await read(1))[0] ?? 0;
    if (count === 0) throw await refused();
    const types = [...(await read(count))];
    if (!types.includes(1))
      throw new Error(`VNC server wants authentication (security types ${types.join(", ")})`);
    write(Buffer.from([1]));
    const result = (await read(4)).readUInt32BE(0);
    if (result !== 0) throw new Error(`VNC security handshake failed (${result})`);
  }
  write(Buffer.from([1])); // ClientInit: share the desktop
  const init = await read(24);
  const name = (await read(init.readUInt32BE(20))).toString("utf8");

  // SetPixelFormat: 32 bits per pixel, depth 24, little-endian, true colour, 8 bits a channel.
  const format = Buffer.alloc(20);
  Buffer.from([32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0]).copy(format, 4);
  // SetEncodings: Raw only.
  const encodings = Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]);
  write(Buffer.concat([format, encodings]));
  return { width: init.readUInt16BE(0), height: init.readUInt16BE(2), name };
}

/** FramebufferUpdateRequest for the whole screen. */
export function updateRequest(screen: ServerInit, incremental: boolean): Buffer {
  const message = Buffer.alloc(10);
  message.writeUInt8(3, 0);
  message.writeUInt8(incremental ? 1 : 0, 1);
  message.writeUInt16BE(screen.width, 6);
  message.writeUInt16BE(screen.height, 8);
  return message;
}

/**
 * Reads server messages up to and including one FramebufferUpdate, drawing it into `pixels` (4 bytes
 * a pixel, rows of `width`); returns how many pixels it drew.
 */
export async function readUpdate(read: ReadBytes, pixels: Buffer, width: number): Promise<number> {
  for (;;) {
    const type = (await read(1))[0];
    if (type === 2) continue; // Bell
    if (type === 3) {
      await read(3); // ServerCutText
      await read((await read(4)).readUInt32BE(0));
      continue;
    }
    if (type !== 0) throw new Error(`unexpected VNC message type ${type}`);
    const rects = (await read(3)).readUInt16BE(1);
    let drawn = 0;
    for (let i = 0; i < rects; i++) {
      const header = await read(12);
      const [x, y, w, h] = [0, 2, 4, 6].map((o) => header.readUInt16BE(o)) as [
        number,
        number,
        number,
        number,
      ];
      const encoding = header.readInt32BE(8);
      if (encoding !== 0) throw new Error(`VNC server sent encoding ${encoding}, not raw`);
      const data = await read(w * h * 4);
      for (let row = 0; row < h; row++)
        data.copy(pixels, ((y + row) * width + x) * 4, row * w * 4, (row + 1) * w * 4);
      drawn += w * h;
    }
    return drawn;
  }
}
