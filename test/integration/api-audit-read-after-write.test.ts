// A state-changing request is in the audit log as soon as its answer has come: entries gather for a
// moment to share one statement, and a read of the log waits for them. On PostgreSQL and PGlite.
import { describe, expect, it } from "vitest";
import { useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace } from "../support/kube.js";

describe.each(ENGINES)("audit log read after write on $engine", (engine) => {
  const ns = useNamespace(`api-audit-raw-${engine.engine}`);
  const h = useApi(() => ns.name, engine);

  it("shows each of a burst of refused launches in the next read", async () => {
    const alice = await h.as("alice");
    const root = await h.as("root");
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => alice.post("/api/v1/sessions", { template: "no-such-template" })),
    );
    expect(answers.map((a) => a.status)).toEqual([422, 422, 422, 422, 422]);
    const log = await root.get<Array<{ actor: string; action: string; status: number }>>(
      "/api/v1/audit?actor=alice&action=POST%20%2Fapi%2Fv1%2Fsessions",
    );
    expect(log.body.map((e) => [e.actor, e.action, e.status])).toEqual(
      Array.from({ length: 5 }, () => ["alice", "POST /api/v1/sessions", 422]),
    );
  });
});
