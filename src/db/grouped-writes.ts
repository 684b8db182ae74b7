export interface GroupedWritesOptions {
  /** Rows per statement at most (PostgreSQL allows 65,535 parameters). @default 500 */
  readonly maxRows?: number;
  /**
   * How long the first row of a batch waits for others. 0 writes a lone row at once; then a statement
   * that is quick gathers few rows, and under load each row can cost its own statement.
   * @default 0
   */
  readonly lingerMs?: number;
}

/**
 * Group commit for small inserts: a row waits while the previous batch is being written (and for the
 * linger, if any), then goes with every row that arrived meanwhile in one statement; under load, a
 * hundred requests cost one round trip instead of a hundred (PGlite has a single connection).
 * `add` resolves once the row is written, so a caller that awaits it reads its own write afterwards.
 */
export class GroupedWrites<Row> {
  private pending: Array<{ row: Row; done: (error?: unknown) => void }> = [];
  private draining = false;
  /** Settles once the last row added so far is written (or failed): batches are written in order. */
  private last: Promise<void> = Promise.resolve();

  private readonly maxRows: number;
  private readonly lingerMs: number;

  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    { maxRows = 500, lingerMs = 0 }: GroupedWritesOptions = {},
  ) {
    this.maxRows = maxRows;
    this.lingerMs = lingerMs;
  }

  add(row: Row): Promise<void> {
    const written = new Promise<void>((resolve, reject) => {
      this.pending.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.draining) return;
      this.draining = true;
      if (this.lingerMs > 0) setTimeout(() => void this.drain(), this.lingerMs);
      else void this.drain();
    });
    this.last = written.catch(() => undefined);
    return written;
  }

  /** Resolves once every row added before the call has been written or has failed. */
  settled(): Promise<void> {
    return this.last;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxRows);
      const error = await this.write(batch.map((b) => b.row)).then(
        () => undefined,
        (e: unknown) => e ?? new Error("write failed"),
      );
      for (const b of batch) b.done(error);
    }
    this.draining = false;
  }
}

/** `($1, $2), ($3, $4)…` for `rows` rows of `columns` values each. */
export function valuesList(rows: number, columns: number): string {
  return Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(", ")})`,
  ).join(", ");
}
