// Helpers for tests that run the StreamSpace reconciler against the test cluster.

import { afterAll, beforeAll } from "vitest";
import type { Session, Template } from "../../src/api/generated/types.js";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { type RunningReconciler, startReconciler } from "../../src/reconciler/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubectl, kubectlJson, useNamespace, waitFor } from "./kube.js";

const dist = new URL("../../dist/", import.meta.url).pathname;

/** Installs the CRDs from dist/ (as Argo CD would, with server-side apply) and waits until they serve. */
export async function installCrds(): Promise<void> {
  await kubectl(["apply", "--server-side", "--field-manager=streamspace-test", "-k", `${dist}crds`]);
  const names = ["sessions", "templates", "templaterepositories", "quotas"].map(
    (p) => `crd/${p}.stream.streamspace.io`,
  );
  await kubectl(["wait", "--for=condition=Established", "--timeout=60s", ...names]);
}

/**
 * A reconciler for one test namespace (platform and sessions both there), started in-process.
 * Homes are ephemeral unless a test asks otherwise: kwok's cluster has no volume provisioner.
 */
export async function startTestReconciler(
  namespace: string,
  overrides: Record<string, unknown> = {},
  options: { leaderElection?: boolean; identity?: string; now?: () => number } = {},
): Promise<RunningReconciler> {
  const { sessions, ...rest } = overrides as { sessions?: Record<string, unknown> };
  const config = resolvePlatformConfig({
    namespace,
    sessionNamespace: namespace,
    sessions: { home: { mode: "ephemeral" }, ...sessions },
    ...rest,
  });
  return startReconciler({
    kubeConfig: kubeConfig(),
    config,
    identity: options.identity ?? `test-${process.pid}`,
    metricsPort: 0,
    leaderElection: options.leaderElection ?? false,
    log: createLogger({ level: process.env.STREAMSPACE_TEST_LOG === "debug" ? "debug" : "error" }),
    ...(options.now ? { now: options.now } : {}),
  });
}

export async function apply(object: unknown): Promise<void> {
  await kubectl(["apply", "--server-side", "--field-manager=test-user", "-f", "-"], {
    input: JSON.stringify(object),
  });
}

export function desktopTemplate(
  namespace: string,
  name: string,
  spec: Partial<Template["spec"]> = {},
): Template {
  return {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Template",
    metadata: { name, namespace },
    spec: {
      displayName: name,
      category: "Browsers",
      baseImage: "lscr.io/linuxserver/firefox:latest",
      appType: "desktop",
      vnc: { enabled: true, port: 3000, protocol: "websocket" },
      volumeMounts: [{ name: "home", mountPath: "/config" }],
      ...spec,
    },
  };
}

export function session(
  namespace: string,
  name: string,
  spec: Partial<Session["spec"]> & { template: string },
): Session {
  return {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Session",
    metadata: { name, namespace },
    spec: { user: "alice", ...spec },
  };
}

export function getSession(namespace: string, name: string): Promise<Session> {
  return kubectlJson<Session>(["get", "session", name, "-n", namespace]);
}

/** Waits until the Session's status satisfies `test`, and returns that Session. */
export function waitForSession(
  namespace: string,
  name: string,
  test: (s: Session) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<Session> {
  return waitFor(
    async () => {
      const s = await getSession(namespace, name);
      return test(s) ? s : undefined;
    },
    { what: `session ${name}: ${what}`, timeoutMs, intervalMs: 250 },
  );
}

export function condition(s: Session, type: string) {
  return s.status?.conditions?.find((c) => c.type === type);
}

/** Changes a Session's spec like a user would: a merge patch of spec fields. */
export async function patchSpec(
  namespace: string,
  name: string,
  spec: Partial<Session["spec"]>,
): Promise<void> {
  await kubectl(["patch", "session", name, "-n", namespace, "--type=merge", "-p", JSON.stringify({ spec })]);
}

type Deployment = {
  spec: { replicas: number; template: { spec: { containers: Array<{ image: string }> } } };
};

export function getDeployment(namespace: string, name: string): Promise<Deployment> {
  return kubectlJson<Deployment>(["get", "deployment", name, "-n", namespace]);
}

/** Names of the objects of a kind that exist, e.g. ("deployments", ns). */
export async function names(kind: string, namespace: string, selector?: string): Promise<string[]> {
  const list = await kubectlJson<{ items: Array<{ metadata: { name: string } }> }>([
    "get",
    kind,
    "-n",
    namespace,
    ...(selector ? ["-l", selector] : []),
  ]);
  return list.items.map((i) => i.metadata.name).sort();
}

/** The value of one labelled series of a reconciler's counter or gauge (0 when absent). */
export async function metricValue(
  reconciler: RunningReconciler,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const metric = reconciler.metrics.registry.getSingleMetric(name);
  if (!metric) return 0;
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want))
    .reduce((sum, v) => sum + v.value, 0);
}

/**
 * The usual set-up of a reconciler test file: its own namespace, the CRDs, a reconciler for that
 * namespace (config `overrides`), then `setup` (templates, sessions); all torn down after the file.
 * Call at the top level of the file.
 */
export function useReconciler(
  prefix: string,
  overrides: Record<string, unknown> = {},
  setup: (namespace: string) => Promise<void> = async () => {},
): { readonly name: string; readonly reconciler: RunningReconciler } {
  const ns = useNamespace(prefix);
  let running: RunningReconciler | undefined;
  beforeAll(async () => {
    await installCrds();
    running = await startTestReconciler(ns.name, overrides);
    await setup(ns.name);
  });
  afterAll(() => running?.stop());
  return {
    name: ns.name,
    get reconciler() {
      if (!running) throw new Error("the reconciler is not started yet");
      return running;
    },
  };
}

/** Waits until the reconciler has applied a Session's objects (its inventory holds `count` of them). */
export function waitForApplied(namespace: string, name: string, count = 3): Promise<Session> {
  return waitForSession(namespace, name, (s) => (s.status?.inventory?.length ?? 0) === count, "applied");
}

/** Waits for an events.k8s.io Event about a Session with this reason, and returns it. */
export function sessionEvent(
  namespace: string,
  name: string,
  reason: string,
): Promise<{ reason: string; type: string; note?: string }> {
  return waitFor(
    async () => {
      const list = await kubectlJson<{
        items: Array<{ reason: string; type: string; note?: string; regarding?: { name: string } }>;
      }>(["get", "events.events.k8s.io", "-n", namespace]);
      return list.items.find((e) => e.reason === reason && e.regarding?.name === name);
    },
    { what: `a ${reason} Event for ${name}` },
  );
}
