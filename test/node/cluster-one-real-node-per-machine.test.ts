// At most one real node per machine: a second cluster that asks for one is refused, names the cluster
// that has it, and its failed start leaves that node running.
import { describe, expect, it } from "vitest";
import { down, up } from "../../scripts/cluster/cluster.js";
import { REAL_NODE_NAME } from "../../scripts/cluster/real-node.js";
import { kubectlJson } from "../support/kube.js";

describe("a second cluster asking for a real node", () => {
  it("is refused while another cluster has it, which keeps its node Ready", async () => {
    const name = `vitest-second-${process.pid}`;
    try {
      await expect(up(name, () => {}, { realNode: true })).rejects.toThrow(
        /the real node belongs to the cluster in \S+: at most one real node per machine/,
      );
    } finally {
      await down(name);
    }
    const node = await kubectlJson<{ status: { conditions: { type: string; status: string }[] } }>([
      "get",
      "node",
      REAL_NODE_NAME,
    ]);
    expect(node.status.conditions.find((c) => c.type === "Ready")?.status).toBe("True");
  });
});
