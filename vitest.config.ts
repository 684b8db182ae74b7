import { defineConfig } from "vitest/config";

// Three projects: unit tests need nothing; integration tests share one real control plane
// (scripts/cluster) with kwok's nodes and one throwaway PostgreSQL server, started once per run by the
// global setups; node tests run real session pods on a cluster with the real node (root, one per
// machine: scripts/cluster/real-node.ts). The node project runs in a group of its own (groupOrder),
// never alongside the integration project: each real pod adds a veth to the host, and Chromium in a
// portal test fails loads in flight with ERR_NETWORK_CHANGED when the host's interfaces change (CI).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/setup/cluster.ts", "test/setup/postgres.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "node",
          include: ["test/node/**/*.test.ts"],
          globalSetup: ["test/setup/real-node.ts"],
          sequence: { groupOrder: 1 },
          testTimeout: 180_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
