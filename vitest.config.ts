import { defineConfig } from "vitest/config";

// Two projects: unit tests need nothing; integration tests share one real control plane
// (scripts/cluster) and one throwaway PostgreSQL server, started once per run by the global setups.
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
    ],
  },
});
