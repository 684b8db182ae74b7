/**
 * No-op detection and pruning bookkeeping: a live object that already has every field we declare
 * needs no apply (whatever the server added), a real change is caught; the inventory keeps what a
 * failed prune left behind and is sorted, so an unchanged inventory causes no status write.
 */
import { describe, expect, it } from "vitest";
import { nextInventory, type ObjectRef, staleRefs } from "../../src/apply/inventory.js";
import { isSubset } from "../../src/apply/subset.js";

const desired = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "ss-alice-firefox",
    namespace: "streamspace",
    labels: { "streamspace.io/user": "alice" },
  },
  spec: {
    replicas: 1,
    template: {
      spec: {
        containers: [
          {
            name: "app",
            image: "lscr.io/linuxserver/firefox:latest",
            ports: [{ name: "app", containerPort: 3000 }],
            resources: { limits: { cpu: "1", memory: "2Gi" } },
          },
        ],
      },
    },
  },
};

/** The same Deployment as the API server returns it: defaults, status and metadata of its own. */
const live = {
  ...desired,
  metadata: {
    ...desired.metadata,
    uid: "0b7c…",
    resourceVersion: "4711",
    generation: 2,
    annotations: { "deployment.kubernetes.io/revision": "1" },
    labels: { ...desired.metadata.labels, "pod-template-hash": "7d9f8" },
  },
  spec: {
    ...desired.spec,
    revisionHistoryLimit: 10,
    strategy: { type: "RollingUpdate" },
    template: {
      spec: {
        restartPolicy: "Always",
        dnsPolicy: "ClusterFirst",
        containers: [
          {
            ...desired.spec.template.spec.containers[0],
            imagePullPolicy: "Always",
            terminationMessagePath: "/dev/termination-log",
            ports: [{ name: "app", containerPort: 3000, protocol: "TCP" }],
          },
        ],
      },
    },
  },
  status: { replicas: 1, readyReplicas: 1 },
};

function withContainer(change: Record<string, unknown>) {
  const container = { ...live.spec.template.spec.containers[0], ...change };
  return {
    ...live,
    spec: { ...live.spec, template: { spec: { ...live.spec.template.spec, containers: [container] } } },
  };
}

describe("isSubset: is the live object already as desired?", () => {
  it("ignores what the server and other managers add", () => {
    expect(isSubset(desired, live)).toBe(true);
  });

  it("catches a changed image", () => {
    expect(isSubset(desired, withContainer({ image: "lscr.io/linuxserver/firefox:1.0" }))).toBe(false);
  });

  it("catches a changed replica count (someone scaled it, or it must hibernate)", () => {
    expect(isSubset(desired, { ...live, spec: { ...live.spec, replicas: 0 } })).toBe(false);
    expect(isSubset({ ...desired, spec: { ...desired.spec, replicas: 0 } }, live)).toBe(false);
  });

  it("catches a field we declare that is missing live, or a label changed by hand", () => {
    expect(isSubset(desired, withContainer({ resources: { limits: { cpu: "1" } } }))).toBe(false);
    const relabelled = { ...live, metadata: { ...live.metadata, labels: { "streamspace.io/user": "bob" } } };
    expect(isSubset(desired, relabelled)).toBe(false);
  });

  it("arrays must match in length, element for element", () => {
    const twoContainers = {
      ...live,
      spec: {
        ...live.spec,
        template: {
          spec: {
            ...live.spec.template.spec,
            containers: [...live.spec.template.spec.containers, { name: "sidecar", image: "busybox" }],
          },
        },
      },
    };
    expect(isSubset(desired, twoContainers)).toBe(false);
    expect(isSubset(["a", "b"], ["a"])).toBe(false);
    expect(isSubset(["a"], ["a", "b"])).toBe(false);
    expect(isSubset(["a", "b"], ["b", "a"])).toBe(false);
    expect(isSubset({ items: [] }, { items: {} })).toBe(false);
    expect(isSubset({ items: {} }, { items: [] })).toBe(false);
  });

  it("an empty list we declare matches a list the API server dropped, but not a non-empty one", () => {
    expect(isSubset({ args: [] }, {})).toBe(true);
    expect(isSubset({ args: [] }, { args: ["--kiosk"] })).toBe(false);
    expect(isSubset({ args: ["--kiosk"] }, {})).toBe(false);
  });

  it("a quantity written as a string matches the same number", () => {
    expect(isSubset({ cpu: "2" }, { cpu: 2 })).toBe(true);
    expect(isSubset({ cpu: "2" }, { cpu: "3" })).toBe(false);
  });
});

const ref = (kind: string, name: string, apiVersion = "v1"): ObjectRef => ({
  apiVersion,
  kind,
  namespace: "streamspace",
  name,
});
const deployment = ref("Deployment", "ss-alice-firefox", "apps/v1");
const service = ref("Service", "ss-alice-firefox");
const ingress = ref("Ingress", "ss-alice-firefox", "networking.k8s.io/v1");

describe("inventory: what to prune, what to remember", () => {
  it("stale refs are the previously applied objects no longer desired", () => {
    // Terminated: nothing of the workload is desired any more.
    expect(staleRefs([deployment, service, ingress], [])).toEqual([deployment, service, ingress]);
    expect(staleRefs([deployment, service, ingress], [service, deployment])).toEqual([ingress]);
    expect(staleRefs([deployment], [deployment, service])).toEqual([]);
  });

  it("a same-named object of another kind or namespace is a different object", () => {
    const otherNamespace = { ...service, namespace: "other" };
    expect(staleRefs([otherNamespace], [service])).toEqual([otherNamespace]);
    expect(staleRefs([ingress], [service])).toEqual([ingress]);
  });

  it("a failed prune stays in the inventory, to be retried, and nothing is listed twice", () => {
    expect(nextInventory([deployment, service], [ingress])).toEqual([deployment, ingress, service]);
    expect(nextInventory([service, deployment], [service])).toEqual([deployment, service]);
  });

  it("the inventory is sorted, so the same set gives the same list whatever the order", () => {
    expect(nextInventory([service, ingress, deployment], [])).toEqual(
      nextInventory([deployment, service, ingress], []),
    );
    expect(nextInventory([service, ingress, deployment], []).map((r) => r.kind)).toEqual([
      "Deployment",
      "Ingress",
      "Service",
    ]);
  });
});
