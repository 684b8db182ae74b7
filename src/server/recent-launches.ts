import type { Database } from "../db/database.js";
import { GroupedWrites, valuesList } from "../db/grouped-writes.js";
import type { Logger } from "../telemetry/log.js";
import { AUDIT_LINGER_MS } from "./plugins/audit.js";

/**
 * Each user's recently launched Templates. A launch is recorded after its create has been answered
 * (the upsert is not on the create's path: under load it waited behind the previous group commit), and
 * a read first waits for the launches this process has not written yet, so a user who launches and
 * then asks for their recent list sees the launch.
 */
export class RecentLaunches {
  // One upsert for the launches that arrive together; a row may appear once per statement.
  private readonly writes: GroupedWrites<[number, string]>;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
  ) {
    this.writes = new GroupedWrites(
      async (rows) => {
        const unique = [...new Map(rows.map((r) => [`${r[0]}/${r[1]}`, r])).values()];
        await db.query(
          `INSERT INTO recent_launches (user_id, template) VALUES ${valuesList(unique.length, 2)}
           ON CONFLICT (user_id, template) DO UPDATE SET launched_at = now()`,
          unique.flat(),
        );
      },
      // As the audit log's: under load, launches share a statement instead of each costing one.
      { lingerMs: AUDIT_LINGER_MS },
    );
  }

  /** Resolves once every launch recorded so far is written (before the database closes). */
  written(): Promise<void> {
    return this.writes.settled();
  }

  /** Records a launch without waiting for it; a failure is logged, never the launch's. */
  record(userId: number, template: string): void {
    this.writes
      .add([userId, template])
      .catch((error: unknown) =>
        this.log.error("recent launch not recorded", { error: String(error), template }),
      );
  }

  /** The user's Templates, newest launch first, at most 20. */
  async of(userId: number): Promise<string[]> {
    await this.written();
    const rows = await this.db.query<{ template: string }>(
      "SELECT template FROM recent_launches WHERE user_id = $1 ORDER BY launched_at DESC, template LIMIT 20",
      [userId],
    );
    return rows.map((r) => r.template);
  }
}
