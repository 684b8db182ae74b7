// Sessions reach DNS and the internet only: not the cluster's networks (API server, reconciler,
// other pods, nodes), not link-local or the cloud's metadata service; and the reconciler's port
// (/metrics, /hooks/git) only Prometheus and the ingress controller. The local cluster has no network
// plugin to enforce them, so this checks what is synthesized; cluster-dist-apply checks that the
// API server accepts it.
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";

type Peer = {
  ipBlock?: { cidr: string; except?: string[] };
  namespaceSelector?: { matchLabels: Record<string, string> };
};
type Rule = { to?: Peer[]; from?: Peer[]; ports?: { port: number | string; protocol: string }[] };
type Policy = { spec: { podSelector: object; policyTypes: string[]; egress?: Rule[]; ingress?: Rule[] } };

function policy(config: Record<string, unknown>, file: string): Policy {
  const text = synthesize(resolvePlatformConfig(config)).get(file);
  if (!text) throw new Error(`${file} was not synthesized`);
  return parse(text) as Policy;
}

const egressFile = "platform/networkpolicy-streamspace-sessions-egress-dns-and-internet.yaml";

describe("session egress: DNS and the internet, nothing of the cluster", () => {
  it("applies to every pod of the sessions namespace and allows only DNS to kube-system and public addresses", () => {
    const { spec } = policy({}, egressFile);
    expect(spec.podSelector).toEqual({});
    expect(spec.policyTypes).toEqual(["Egress"]);
    const [dns, internet] = spec.egress ?? [];
    expect(dns?.to).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } },
    ]);
    expect(dns?.ports?.map((p) => `${p.protocol}/${p.port}`)).toEqual(["UDP/53", "TCP/53"]);
    const blocks = Object.fromEntries((internet?.to ?? []).map((p) => [p.ipBlock?.cidr, p.ipBlock?.except]));
    expect(Object.keys(blocks)).toEqual(["0.0.0.0/0", "::/0"]);
    expect(blocks["0.0.0.0/0"]).toEqual(
      expect.arrayContaining(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"]),
    );
    expect(blocks["::/0"]).toEqual(expect.arrayContaining(["fc00::/7", "fe80::/10"]));
    expect(internet?.ports).toBeUndefined();
  });

  it("takes the denied networks from the platform config", () => {
    const { spec } = policy(
      { security: { sessionEgressDeniedIPv4: ["10.42.0.0/16", "169.254.0.0/16"] } },
      egressFile,
    );
    expect(spec.egress?.[1]?.to?.[0]?.ipBlock?.except).toEqual(["10.42.0.0/16", "169.254.0.0/16"]);
  });

  it("lets only the monitoring and ingress controller namespaces reach the reconciler's port", () => {
    const { spec } = policy(
      { monitoring: { scrapeNamespace: "prom" }, ingress: { controllerNamespace: "traefik" } },
      "platform/networkpolicy-streamspace-system-reconciler-metrics.yaml",
    );
    expect(spec.ingress).toEqual([
      {
        from: [
          { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "prom" } } },
          { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } } },
        ],
        ports: [{ port: "metrics", protocol: "TCP" }],
      },
    ]);
  });
});
