// Helpers for integration tests against the cluster of test/setup/cluster.ts.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { KubeConfig as ClientNodeKubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, inject } from "vitest";
import { type KubeConfig, loadKubeConfigFile } from "../../src/core/kubeconfig.js";

/** Path of the kubeconfig (admin, over HTTPS) that the global setup provided. */
export function kubeconfigPath(): string {
  const path = inject("kubeconfig");
  if (!path) throw new Error("no kubeconfig: run integration tests through vitest's `integration` project");
  return path;
}

/** kubeconfigPath() loaded as the reconciler loads a kubeconfig, so every test that connects exercises it. */
export function kubeConfig(): KubeConfig {
  return loadKubeConfigFile(kubeconfigPath());
}

/** kubeconfigPath() loaded by @kubernetes/client-node, for its generated API clients (makeApiClient). */
export function apiClientConfig(): ClientNodeKubeConfig {
  const kc = new ClientNodeKubeConfig();
  kc.loadFromFile(kubeconfigPath());
  return kc;
}

export interface KubectlOptions {
  /** Written to kubectl's standard input (for `apply -f -`). */
  input?: string;
  /** Resolve with the exit code instead of throwing when kubectl fails. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs kubectl against the test cluster; throws with kubectl's stderr when it fails. */
export function kubectl(args: string[], opts: KubectlOptions = {}): Promise<KubectlResult> {
  const argv = ["--kubeconfig", kubeconfigPath(), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn("kubectl", argv, {
      stdio: ["pipe", "pipe", "pipe"],
      timeout: opts.timeoutMs ?? 60_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    child.on("error", (err) =>
      reject((err as NodeJS.ErrnoException).code === "ENOENT" ? new Error("kubectl not found on PATH") : err),
    );
    child.on("close", (code, signal) => {
      const exitCode = code ?? 128;
      if (exitCode !== 0 && !opts.allowFailure) {
        reject(new Error(`kubectl ${args.join(" ")} failed (${signal ?? exitCode}):\n${stderr}${stdout}`));
      } else resolve({ stdout, stderr, exitCode });
    });
    child.stdin.end(opts.input ?? "");
  });
}

/** kubectl ... -o json, parsed. */
export async function kubectlJson<T = unknown>(args: string[]): Promise<T> {
  return JSON.parse((await kubectl([...args, "-o", "json"])).stdout) as T;
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** What is being waited for, for the timeout message. */
  what?: string;
}

/**
 * Calls fn until it returns a truthy value (which waitFor returns) or the time is up. A throw counts
 * as "not yet"; the last error is reported on timeout.
 */
export async function waitFor<T>(fn: () => T | Promise<T>, opts: WaitOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${opts.what ?? "condition"} (last: ${detail})`,
      );
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}

/**
 * Gives the calling test file its own namespace: created before its tests (and ready for pods: the
 * default ServiceAccount exists) and deleted after them. Call at the top level of the file.
 */
export function useNamespace(prefix = "test"): { readonly name: string } {
  const name = `${prefix}-${randomBytes(3).toString("hex")}`;
  beforeAll(async () => {
    await kubectl(["create", "namespace", name]);
    await waitFor(() => kubectl(["get", "serviceaccount", "default", "-n", name]), {
      what: `the default ServiceAccount in ${name}`,
    });
  });
  afterAll(async () => {
    await kubectl(["delete", "namespace", name, "--wait=false", "--ignore-not-found"]);
  });
  return { name };
}
