import { SESSION_LABEL } from "../api/labels.js";
import { parseQuantity } from "../api/quantity.js";
import type { ClusterView } from "./cluster.js";

type ResourceList = Record<string, string | number | undefined>;

interface NodeObject {
  metadata: { name: string };
  spec?: { unschedulable?: boolean };
  status?: { allocatable?: ResourceList; conditions?: { type: string; status: string }[] };
}

interface PodObject {
  spec: {
    nodeName?: string;
    containers: { resources?: { requests?: ResourceList } }[];
    initContainers?: { resources?: { requests?: ResourceList } }[];
    overhead?: ResourceList;
  };
}

export interface Amounts {
  /** Cores. */
  readonly cpu: number;
  /** Bytes. */
  readonly memory: number;
}

export interface NodeCapacity {
  readonly name: string;
  readonly ready: boolean;
  readonly unschedulable: boolean;
  /** What the scheduler may place on the node. */
  readonly allocatable: Amounts & { readonly pods: number };
  /** The requests of the session pods placed there. */
  readonly sessions: Amounts & { readonly pods: number };
}

export interface CapacityOverview {
  readonly nodes: NodeCapacity[];
  /** Session pods the scheduler has not placed yet, and their requests. */
  readonly unscheduled: Amounts & { readonly pods: number };
}

const amount = (list: ResourceList | undefined, name: string): number => {
  const value = list?.[name];
  return value === undefined ? 0 : parseQuantity(value);
};

/** What the scheduler reserves for a pod: its containers' requests, or its largest init container's
 *  when larger, plus the runtime's overhead. */
export function podRequests(pod: PodObject): Amounts {
  const of = (name: string) => {
    const containers = pod.spec.containers.reduce((sum, c) => sum + amount(c.resources?.requests, name), 0);
    const init = Math.max(
      0,
      ...(pod.spec.initContainers ?? []).map((c) => amount(c.resources?.requests, name)),
    );
    return Math.max(containers, init) + amount(pod.spec.overhead, name);
  };
  return { cpu: of("cpu"), memory: of("memory") };
}

/**
 * The cluster's nodes with what session pods request on each, read from the API server in bounded
 * pages (nodes, and the session namespace's pods that have not finished): an admin's occasional look,
 * not worth an informer's memory.
 */
export async function capacityOverview(cluster: ClusterView): Promise<CapacityOverview> {
  const used = new Map<string, { pods: number; cpu: number; memory: number }>();
  const unscheduled = { pods: 0, cpu: 0, memory: 0 };
  await cluster.eachListed<PodObject>(
    `/api/v1/namespaces/${encodeURIComponent(cluster.namespace)}/pods`,
    { labelSelector: SESSION_LABEL, fieldSelector: "status.phase!=Succeeded,status.phase!=Failed" },
    (pod) => {
      const node = pod.spec.nodeName;
      const sum = node ? (used.get(node) ?? { pods: 0, cpu: 0, memory: 0 }) : unscheduled;
      const requests = podRequests(pod);
      sum.pods += 1;
      sum.cpu += requests.cpu;
      sum.memory += requests.memory;
      if (node) used.set(node, sum);
    },
  );
  const nodes: NodeCapacity[] = [];
  await cluster.eachListed<NodeObject>("/api/v1/nodes", {}, (node) => {
    const allocatable = node.status?.allocatable;
    nodes.push({
      name: node.metadata.name,
      ready: node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
      unschedulable: node.spec?.unschedulable ?? false,
      allocatable: {
        cpu: amount(allocatable, "cpu"),
        memory: amount(allocatable, "memory"),
        pods: amount(allocatable, "pods"),
      },
      sessions: used.get(node.metadata.name) ?? { pods: 0, cpu: 0, memory: 0 },
    });
  });
  nodes.sort((a, b) => a.name.localeCompare(b.name));
  return { nodes, unscheduled };
}
