// Uninstalling the platform (helm uninstall, or deleting/pruning the Argo CD application) must not
// take the sessions namespace, where every home volume lives, with it.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";

describe("the sessions namespace is kept on uninstall", () => {
  it("tells Helm to keep it and Argo CD neither to prune nor to delete it", () => {
    const files = synthesize(resolvePlatformConfig({ sessionNamespace: "users" }));
    const namespace = parse(files.get("platform/namespace-users.yaml") ?? "") as {
      metadata: { annotations: Record<string, string> };
    };
    expect(namespace.metadata.annotations).toMatchObject({
      "helm.sh/resource-policy": "keep",
      "argocd.argoproj.io/sync-options": "Prune=false,Delete=false",
    });
  });
});
