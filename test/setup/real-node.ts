// Vitest global setup for the `node` project: a cluster with the real node (see ./cluster.ts).
import type { TestProject } from "vitest/node";
import { setupCluster } from "./cluster.js";

export default function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  return setupCluster(project, { realNode: true });
}
