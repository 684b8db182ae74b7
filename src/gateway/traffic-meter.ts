/** What the meter reads of a socket: the kernel-side count Node keeps anyway. */
interface Counted {
  readonly bytesRead: number;
}

interface Metered {
  readonly fromClient: Counted;
  readonly fromApp: Counted;
  /** Bytes from the client since the last look: the user did something. */
  readonly onActivity: () => void;
  seenIn: number;
  seenOut: number;
}

/**
 * Bytes and activity of piped connections, read from the sockets' own byte counts every `periodMs` and
 * at close, so that the data path does no work per chunk (docs/decisions/0132): a proxied WebSocket is
 * a plain socket-to-socket pipe.
 */
export class TrafficMeter {
  private readonly open = new Set<Metered>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly count: (direction: "in" | "out", bytes: number) => void,
    periodMs = 2000,
  ) {
    this.timer = setInterval(() => {
      for (const m of this.open) this.read(m);
    }, periodMs);
    this.timer.unref();
  }

  /** Meters a connection until the returned function is called (at close). */
  watch(fromClient: Counted, fromApp: Counted, onActivity: () => void): () => void {
    const m: Metered = {
      fromClient,
      fromApp,
      onActivity,
      seenIn: fromClient.bytesRead,
      seenOut: fromApp.bytesRead,
    };
    this.open.add(m);
    return () => {
      if (!this.open.delete(m)) return;
      this.read(m);
    };
  }

  private read(m: Metered): void {
    const [inNow, outNow] = [m.fromClient.bytesRead, m.fromApp.bytesRead];
    if (inNow > m.seenIn) {
      this.count("in", inNow - m.seenIn);
      m.onActivity();
    }
    if (outNow > m.seenOut) this.count("out", outNow - m.seenOut);
    m.seenIn = inNow;
    m.seenOut = outNow;
  }

  stop(): void {
    clearInterval(this.timer);
    for (const m of this.open) this.read(m);
    this.open.clear();
  }
}
