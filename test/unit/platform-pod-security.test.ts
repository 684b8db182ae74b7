import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { API_NAME, RECONCILER_NAME } from "../../constructs/platform/labels.js";

const PLATFORM_DIR = fileURLToPath(new URL("../../dist/platform", import.meta.url));

type Json = Record<string, unknown>;
interface KubeDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

const objects: KubeDoc[] = readdirSync(PLATFORM_DIR)
  .filter((file) => file.endsWith(".yaml") && file !== "kustomization.yaml")
  .map((file) => parse(readFileSync(join(PLATFORM_DIR, file), "utf8")) as KubeDoc);

/** The pod spec of a workload object, whatever its kind. */
function podSpecOf(object: KubeDoc): Json | undefined {
  const spec = object.spec as Json | undefined;
  switch (object.kind) {
    case "Pod":
      return spec;
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "ReplicaSet":
    case "Job":
      return ((spec?.template as Json | undefined)?.spec as Json | undefined) ?? {};
    case "CronJob":
      return (
        ((((spec?.jobTemplate as Json)?.spec as Json)?.template as Json | undefined)?.spec as
          | Json
          | undefined) ?? {}
      );
    default:
      return undefined;
  }
}

const ALLOWED_VOLUMES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];

/**
 * The checks of Pod Security "restricted" (latest), as the admission controller applies them:
 * the list of violations, empty when the pod would be admitted.
 */
function restrictedViolations(pod: Json): string[] {
  const out: string[] = [];
  const podContext = (pod.securityContext ?? {}) as Json;
  for (const host of ["hostNetwork", "hostPID", "hostIPC"])
    if (pod[host] === true) out.push(`${host} is set`);
  for (const volume of (pod.volumes ?? []) as Json[]) {
    const type = Object.keys(volume).find((key) => key !== "name");
    if (!type || !ALLOWED_VOLUMES.includes(type)) out.push(`volume ${volume.name} is of type ${type}`);
  }
  if (podContext.runAsUser === 0) out.push("pod runAsUser is 0");
  const podSeccomp = (podContext.seccompProfile as Json | undefined)?.type;
  const containers = [
    ...((pod.initContainers ?? []) as Json[]),
    ...((pod.containers ?? []) as Json[]),
    ...((pod.ephemeralContainers ?? []) as Json[]),
  ];
  if (containers.length === 0) out.push("no containers");
  for (const container of containers) {
    const name = String(container.name);
    const context = (container.securityContext ?? {}) as Json;
    const capabilities = (context.capabilities ?? {}) as { drop?: string[]; add?: string[] };
    if (context.privileged === true) out.push(`${name}: privileged`);
    if (context.allowPrivilegeEscalation !== false)
      out.push(`${name}: allowPrivilegeEscalation is not false`);
    if (!(capabilities.drop ?? []).includes("ALL")) out.push(`${name}: does not drop ALL capabilities`);
    for (const added of capabilities.add ?? [])
      if (added !== "NET_BIND_SERVICE") out.push(`${name}: adds capability ${added}`);
    if ((context.runAsNonRoot ?? podContext.runAsNonRoot) !== true)
      out.push(`${name}: runAsNonRoot is not true`);
    if (context.runAsUser === 0) out.push(`${name}: runAsUser is 0`);
    const seccomp = (context.seccompProfile as Json | undefined)?.type ?? podSeccomp;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost")
      out.push(`${name}: seccomp profile is ${String(seccomp)}`);
    for (const port of (container.ports ?? []) as Json[])
      if (port.hostPort !== undefined) out.push(`${name}: hostPort ${port.hostPort}`);
  }
  return out;
}

const workloads = objects.filter((o) => podSpecOf(o) !== undefined);
const platformNamespace = objects.find(
  (o) => o.kind === "Namespace" && o.metadata.labels?.["pod-security.kubernetes.io/enforce"] === "restricted",
)?.metadata.name;

describe("platform pods in dist/platform satisfy Pod Security restricted", () => {
  it("there are platform workloads to check (the reconciler at least)", () => {
    expect(workloads.map((w) => w.kind)).toContain("Deployment");
  });

  for (const workload of workloads) {
    it(`${workload.kind} ${workload.metadata.namespace}/${workload.metadata.name}`, () => {
      expect(restrictedViolations(podSpecOf(workload) ?? {})).toEqual([]);
    });
  }

  it("the check itself catches what restricted forbids", () => {
    const pod = structuredClone(podSpecOf(workloads[0] as KubeDoc) ?? {});
    const container = (pod.containers as Json[])[0] as Json;
    pod.hostNetwork = true;
    pod.volumes = [...((pod.volumes ?? []) as Json[]), { name: "host", hostPath: { path: "/" } }];
    container.securityContext = {
      allowPrivilegeEscalation: true,
      capabilities: { add: ["SYS_ADMIN", "NET_BIND_SERVICE"] },
      runAsNonRoot: false,
      seccompProfile: { type: "Unconfined" },
    };
    const violations = restrictedViolations(pod).join("\n");
    for (const expected of [
      "hostNetwork",
      "hostPath",
      "allowPrivilegeEscalation",
      "drop ALL",
      "SYS_ADMIN",
      "runAsNonRoot",
      "Unconfined",
    ]) {
      expect(violations).toContain(expected);
    }
    expect(violations).not.toContain("NET_BIND_SERVICE");
  });

  it("the platform namespace enforces restricted, and the workloads run in it", () => {
    expect(platformNamespace).toBeDefined();
    for (const workload of workloads) expect(workload.metadata.namespace).toBe(platformNamespace);
  });
});

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
  nonResourceURLs?: string[];
}

describe("platform RBAC is least privilege", () => {
  const roles = objects.filter((o) => o.kind === "Role") as (KubeDoc & { rules: Rule[] })[];
  const bindings = objects.filter((o) => o.kind === "RoleBinding") as (KubeDoc & {
    roleRef: { kind: string; name: string };
    subjects: { kind: string; name: string; namespace?: string }[];
  })[];

  it("grants nothing cluster-wide but the API's list of Nodes, to its own ServiceAccount", () => {
    expect(roles.length).toBeGreaterThan(0);
    const clusterRoles = objects.filter((o) => o.kind === "ClusterRole") as (KubeDoc & { rules: Rule[] })[];
    expect(clusterRoles.map((r) => [r.metadata.name, r.rules])).toEqual([
      [`${API_NAME}-nodes`, [{ apiGroups: [""], resources: ["nodes"], verbs: ["list"] }]],
    ]);
    const clusterBindings = objects.filter((o) => o.kind === "ClusterRoleBinding") as unknown as {
      roleRef: { kind: string; name: string };
      subjects: { kind: string; name: string }[];
    }[];
    expect(clusterBindings.map((b) => [b.roleRef, b.subjects.map((s) => `${s.kind}/${s.name}`)])).toEqual([
      [
        { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `${API_NAME}-nodes` },
        [`ServiceAccount/${API_NAME}`],
      ],
    ]);
    for (const binding of bindings) expect(binding.roleRef.kind).toBe("Role");
  });

  it("has no wildcard verb, resource or API group", () => {
    for (const role of roles) {
      for (const rule of role.rules) {
        const where = `${role.metadata.namespace}/${role.metadata.name}: ${JSON.stringify(rule)}`;
        expect(rule.verbs, where).not.toContain("*");
        expect(rule.resources ?? [], where).not.toContain("*");
        expect(rule.apiGroups ?? [], where).not.toContain("*");
        expect(rule.nonResourceURLs ?? [], where).toEqual([]);
        expect(rule.resources?.length ?? 0, where).toBeGreaterThan(0);
      }
    }
  });

  it("never lets the reconciler escalate (bind, escalate, impersonate) or edit RBAC", () => {
    for (const role of roles) {
      for (const rule of role.rules) {
        for (const verb of ["bind", "escalate", "impersonate"]) expect(rule.verbs).not.toContain(verb);
        expect(rule.apiGroups ?? []).not.toContain("rbac.authorization.k8s.io");
      }
    }
  });

  it("lets the reconciler manage Leases in the platform namespace, and only there", () => {
    const reconciler = objects.find((o) => o.kind === "Deployment" && o.metadata.name === RECONCILER_NAME)
      ?.spec as Json | undefined;
    const serviceAccount = ((reconciler?.template as Json)?.spec as Json)?.serviceAccountName;
    expect(serviceAccount).toBeDefined();
    const leaseRoles = roles.filter((role) =>
      role.rules.some(
        (rule) => rule.apiGroups?.includes("coordination.k8s.io") && rule.resources?.includes("leases"),
      ),
    );
    expect(leaseRoles.map((r) => r.metadata.namespace)).toEqual([platformNamespace]);
    const leaseRule = leaseRoles[0]?.rules.find((rule) => rule.resources?.includes("leases"));
    for (const verb of ["get", "create", "update"]) expect(leaseRule?.verbs).toContain(verb);
    const bound = bindings.find(
      (b) => b.metadata.namespace === platformNamespace && b.roleRef.name === leaseRoles[0]?.metadata.name,
    );
    expect(bound?.subjects).toContainEqual({
      kind: "ServiceAccount",
      name: serviceAccount,
      namespace: platformNamespace,
    });
  });
});
