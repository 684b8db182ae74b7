// Rows that arrive while a write is in flight (or within the linger) are written together in one
// statement, each caller learns when its row is written, and a failed statement fails exactly the
// callers of its batch.
import { describe, expect, it } from "vitest";
import { GroupedWrites, valuesList } from "../../src/db/grouped-writes.js";

describe("grouped writes", () => {
  it("writes a lone row at once and the rows that queued behind it in one batch", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const writes = new GroupedWrites<number>(async (rows) => {
      batches.push(rows);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = writes.add(1);
    const rest = [2, 3, 4].map((n) => writes.add(n));
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("rejects the callers of a failed batch only", async () => {
    let calls = 0;
    let release: () => void = () => {};
    const writes = new GroupedWrites<number>(async () => {
      calls++;
      if (calls === 1) await new Promise<void>((r) => (release = r));
      if (calls === 2) throw new Error("disk full");
    });
    const first = writes.add(1);
    const failed = writes.add(2);
    release();
    await expect(first).resolves.toBeUndefined();
    await expect(failed).rejects.toThrow("disk full");
    await expect(writes.add(3)).resolves.toBeUndefined();
  });

  it("with a linger, rows added within it share one statement, and settled waits for them", async () => {
    const batches: number[][] = [];
    const writes = new GroupedWrites<number>(
      async (rows) => {
        batches.push(rows);
      },
      { lingerMs: 50 },
    );
    void writes.add(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    void writes.add(2);
    void writes.add(3);
    expect(batches).toEqual([]);
    await writes.settled();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it("numbers the placeholders row by row", () => {
    expect(valuesList(2, 3)).toBe("($1, $2, $3), ($4, $5, $6)");
  });
});
