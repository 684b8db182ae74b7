// What every TemplateRepository integration test needs: the CRDs, a namespace, a real git server
// (git http-backend) and the repository controller running in this process against the cluster.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { TemplateRepositorySpec } from "../../src/api/generated/types.js";
import { REQUESTED_AT_ANNOTATION } from "../../src/api/labels.js";
import {
  createRepositoryController,
  type RepositoryController,
} from "../../src/controllers/repository/controller.js";
import type { Template, TemplateRepository } from "../../src/controllers/repository/objects.js";
import type { SyncLimits } from "../../src/controllers/repository/source.js";
import { createLogger } from "../../src/telemetry/log.js";
import { ReconcilerMetrics } from "../../src/telemetry/metrics.js";
import { type GitServer, type GitServerOptions, startGitServer } from "../support/git-server.js";
import { kubeConfig, kubectl, kubectlJson, useNamespace, waitFor } from "../support/kube.js";
import { installCrds } from "../support/streamspace.js";

export interface SyncHarness {
  readonly namespace: string;
  readonly server: GitServer;
  readonly sync: RepositoryController;
  readonly metrics: ReconcilerMetrics;
  /** Creates or updates a TemplateRepository in the test namespace. */
  applyRepository(name: string, spec: TemplateRepositorySpec): Promise<void>;
  repository(name: string): Promise<TemplateRepository>;
  /** Waits until the repository's status satisfies `ok`, and returns it. */
  waitForStatus(
    name: string,
    ok: (status: NonNullable<TemplateRepository["status"]>) => boolean,
    what?: string,
    timeoutMs?: number,
  ): Promise<NonNullable<TemplateRepository["status"]>>;
  /** Asks for a fetch now, as the webhook does. */
  requestSync(name: string): Promise<void>;
  templates(): Promise<Map<string, Template>>;
  secret(name: string, data: Record<string, string>): Promise<void>;
}

/** Call at the top level of a test file. */
export function useSyncHarness(
  opts: { limits?: Partial<SyncLimits>; server?: GitServerOptions; concurrency?: number } = {},
) {
  const ns = useNamespace("repo");
  const harness = {} as { current: SyncHarness };
  let abort: AbortController;
  let running: Promise<void>;
  let cacheDir: string;

  beforeAll(async () => {
    await installCrds();
    const server = await startGitServer(opts.server);
    cacheDir = mkdtempSync(join(tmpdir(), "repo-cache-"));
    const metrics = new ReconcilerMetrics({ defaultMetrics: false });
    const sync = createRepositoryController({
      kubeConfig: kubeConfig(),
      namespace: ns.name,
      cacheDir,
      log: createLogger({ level: process.env.TEST_LOG_LEVEL === "debug" ? "debug" : "error" }),
      metrics,
      limits: opts.limits,
      concurrency: opts.concurrency,
    });
    for (const informer of sync.informers) informer.start();
    abort = new AbortController();
    running = sync.controller.run(abort.signal);
    const namespace = ns.name;
    harness.current = {
      namespace,
      server,
      sync,
      metrics,
      async applyRepository(name, spec) {
        await kubectl(["apply", "--server-side", "-n", namespace, "-f", "-"], {
          input: JSON.stringify({
            apiVersion: "stream.streamspace.io/v1alpha1",
            kind: "TemplateRepository",
            metadata: { name },
            spec,
          }),
        });
      },
      repository: (name) =>
        kubectlJson<TemplateRepository>(["get", "templaterepository", name, "-n", namespace]),
      async waitForStatus(name, ok, what, timeoutMs = 60_000) {
        return waitFor(
          async () => {
            const status = (await harness.current.repository(name)).status;
            return status && ok(status) ? status : undefined;
          },
          { what: what ?? `the status of ${name}`, timeoutMs, intervalMs: 100 },
        );
      },
      async requestSync(name) {
        await kubectl([
          "annotate",
          "--overwrite",
          "-n",
          namespace,
          "templaterepository",
          name,
          `${REQUESTED_AT_ANNOTATION}=${new Date().toISOString()}.${Math.random()}`,
        ]);
      },
      async templates() {
        const list = await kubectlJson<{ items: Template[] }>(["get", "templates", "-n", namespace]);
        return new Map(list.items.map((t) => [t.metadata?.name ?? "", t]));
      },
      async secret(name, data) {
        await kubectl(["apply", "-n", namespace, "-f", "-"], {
          input: JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name }, stringData: data }),
        });
      },
    };
  });

  afterAll(async () => {
    abort?.abort();
    await running;
    await Promise.all(harness.current?.sync.informers.map((i) => i.stop()) ?? []);
    await harness.current?.server.close();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  });

  return harness;
}

/** A valid Template manifest in the current format. */
export function templateYaml(name: string, opts: { displayName?: string; image?: string } = {}): string {
  return [
    "apiVersion: stream.streamspace.io/v1alpha1",
    "kind: Template",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    `  displayName: ${opts.displayName ?? name}`,
    "  category: Testing",
    `  baseImage: ${opts.image ?? `example.com/${name}:1`}`,
    "  appType: desktop",
    "  vnc: { port: 5900 }",
    "",
  ].join("\n");
}

export const names = (templates: Map<string, Template>) => [...templates.keys()].sort();
export const readyCondition = (status: NonNullable<TemplateRepository["status"]>) =>
  status.conditions?.find((c) => c.type === "Ready");
