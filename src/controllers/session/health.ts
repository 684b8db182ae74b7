import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import type { EffectiveState } from "./lifecycle.js";

/** Waiting reasons that mean the app will not start by itself. */
const FATAL_WAITING = new Set([
  "ImagePullBackOff",
  "ErrImagePull",
  "InvalidImageName",
  "CrashLoopBackOff",
  "CreateContainerConfigError",
  "CreateContainerError",
  "RunContainerError",
]);

export type Observation =
  | { readonly kind: "ready"; readonly podName: string }
  | { readonly kind: "hibernated" }
  | { readonly kind: "terminated" }
  /** Still converging; `cause` is the most telling problem seen so far, if any. */
  | { readonly kind: "progressing"; readonly cause?: { readonly reason: string; readonly message: string } };

function isReady(pod: V1Pod): boolean {
  return (
    !pod.metadata?.deletionTimestamp &&
    (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")
  );
}

/** Why a pod is not running: image pull, crash loop, unschedulable… as the kubelet and scheduler say it. */
export function podProblem(pod: V1Pod): { reason: string; message: string } | undefined {
  for (const container of pod.status?.containerStatuses ?? []) {
    const waiting = container.state?.waiting;
    if (waiting?.reason && FATAL_WAITING.has(waiting.reason)) {
      return {
        reason: waiting.reason,
        message: waiting.message ?? `container ${container.name} is in ${waiting.reason}`,
      };
    }
    const terminated = container.state?.terminated ?? container.lastState?.terminated;
    if (terminated && terminated.exitCode !== 0) {
      return {
        reason: terminated.reason ?? "ContainerFailed",
        message: `container ${container.name} exited with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ""}`,
      };
    }
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    return { reason: "Unschedulable", message: scheduled.message ?? "no node can run the session" };
  }
  if (pod.status?.phase === "Failed")
    return { reason: pod.status.reason ?? "PodFailed", message: pod.status.message ?? "the pod failed" };
  return undefined;
}

/**
 * Why a Deployment has no pod: the API server refused to create it (Pod Security, a quota, an admission
 * policy), as the ReplicaSet controller reports it; its message names the field.
 */
function podsRefused(deployment: V1Deployment | undefined): { reason: string; message: string } | undefined {
  const failure = deployment?.status?.conditions?.find(
    (c) => c.type === "ReplicaFailure" && c.status === "True",
  );
  if (!failure) return undefined;
  return {
    reason: failure.reason ?? "FailedCreate",
    message: failure.message ?? "the pod could not be created",
  };
}

/** How far reality is from the desired state, read from the cached Deployment and pods. */
export function observe(
  state: EffectiveState,
  deployment: V1Deployment | undefined,
  pods: readonly V1Pod[],
): Observation {
  const live = pods.filter((p) => !p.metadata?.deletionTimestamp || p.status?.phase === "Running");
  if (state === "terminated")
    return deployment || pods.length ? { kind: "progressing" } : { kind: "terminated" };
  if (state === "hibernated") {
    const scaledDown = deployment?.spec?.replicas === 0 && (deployment.status?.replicas ?? 0) === 0;
    return scaledDown && pods.length === 0 ? { kind: "hibernated" } : { kind: "progressing" };
  }
  const ready = live.find(isReady);
  if (ready) return { kind: "ready", podName: ready.metadata?.name ?? "" };
  const cause =
    live.map(podProblem).find((p) => p !== undefined) ?? (live.length ? undefined : podsRefused(deployment));
  return cause ? { kind: "progressing", cause } : { kind: "progressing" };
}
