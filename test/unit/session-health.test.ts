/**
 * Health: what the cached Deployment and pods say about a Session: ready (and which pod), still
 * progressing (and the most telling problem, as the kubelet or scheduler put it), hibernated or gone.
 */
import type { V1ContainerStatus, V1Deployment, V1Pod, V1PodCondition } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { observe, podProblem } from "../../src/controllers/session/health.js";

function pod(
  name: string,
  options: {
    conditions?: V1PodCondition[];
    containers?: Partial<V1ContainerStatus>[];
    phase?: string;
    deleting?: boolean;
  } = {},
): V1Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "streamspace",
      ...(options.deleting ? { deletionTimestamp: new Date("2025-03-01T10:00:00Z") } : {}),
    },
    status: {
      phase: options.phase ?? "Running",
      conditions: options.conditions ?? [],
      containerStatuses: (options.containers ?? []).map((c) => ({
        name: "app",
        image: "lscr.io/linuxserver/firefox:latest",
        imageID: "",
        ready: false,
        restartCount: 0,
        ...c,
      })),
    },
  };
}

const readyCondition: V1PodCondition = { type: "Ready", status: "True" };
const notReady: V1PodCondition = { type: "Ready", status: "False", reason: "ContainersNotReady" };

function deployment(replicas: number, liveReplicas: number): V1Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "ss-alice-firefox", namespace: "streamspace" },
    spec: { replicas, selector: {}, template: {} },
    status: { replicas: liveReplicas },
  };
}

const imagePull = pod("p-pull", {
  phase: "Pending",
  conditions: [notReady],
  containers: [
    {
      state: {
        waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "lscr.io/nope:1"' },
      },
    },
  ],
});

describe("observing a running session", () => {
  it("a Ready pod means ready, with that pod's name", () => {
    const ready = pod("p-ready", { conditions: [readyCondition] });
    expect(observe("running", deployment(1, 1), [imagePull, ready])).toEqual({
      kind: "ready",
      podName: "p-ready",
    });
  });

  it("a Ready pod being deleted does not count as ready", () => {
    const leaving = pod("p-old", { conditions: [readyCondition], deleting: true });
    expect(observe("running", deployment(1, 1), [leaving]).kind).toBe("progressing");
  });

  it("no pod yet: progressing with no cause", () => {
    expect(observe("running", deployment(1, 0), [])).toEqual({ kind: "progressing" });
    expect(observe("running", undefined, [])).toEqual({ kind: "progressing" });
  });

  it("a pod stuck pulling its image: progressing, with ImagePullBackOff and the kubelet's message", () => {
    expect(observe("running", deployment(1, 1), [imagePull])).toEqual({
      kind: "progressing",
      cause: { reason: "ImagePullBackOff", message: 'Back-off pulling image "lscr.io/nope:1"' },
    });
  });

  it("a pod no node can run: Unschedulable, with the scheduler's message", () => {
    const pending = pod("p-pending", {
      phase: "Pending",
      conditions: [
        {
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: "0/3 nodes are available: 3 Insufficient memory.",
        },
      ],
    });
    expect(observe("running", deployment(1, 1), [pending])).toEqual({
      kind: "progressing",
      cause: { reason: "Unschedulable", message: "0/3 nodes are available: 3 Insufficient memory." },
    });
  });

  it("a crash loop: CrashLoopBackOff, and the exit code of a container that failed", () => {
    const looping = pod("p-crash", {
      conditions: [notReady],
      containers: [
        {
          state: { waiting: { reason: "CrashLoopBackOff" } },
          lastState: { terminated: { exitCode: 1, reason: "Error" } },
          restartCount: 4,
        },
      ],
    });
    expect(observe("running", deployment(1, 1), [looping])).toEqual({
      kind: "progressing",
      cause: {
        reason: "CrashLoopBackOff",
        message: "container app is in CrashLoopBackOff; it last exited with code 1 (Error)",
      },
    });
    const exited = pod("p-exit", {
      conditions: [notReady],
      containers: [
        {
          state: { waiting: { reason: "ContainerCreating" } },
          lastState: { terminated: { exitCode: 137, reason: "OOMKilled" } },
        },
      ],
    });
    expect(podProblem(exited)).toEqual({
      reason: "OOMKilled",
      message: "container app exited with code 137",
    });
  });

  it("a container that is merely starting, or exited 0, is no problem", () => {
    const starting = pod("p-start", {
      conditions: [notReady],
      containers: [{ state: { waiting: { reason: "ContainerCreating" } } }],
    });
    const completed = pod("p-done", {
      containers: [{ state: { terminated: { exitCode: 0, reason: "Completed" } } }],
    });
    expect(podProblem(starting)).toBeUndefined();
    expect(podProblem(completed)).toBeUndefined();
    expect(observe("running", deployment(1, 1), [starting])).toEqual({ kind: "progressing" });
  });
});

describe("observing a hibernated or terminated session", () => {
  it("hibernated needs replicas 0 in spec and status, and no pod left", () => {
    expect(observe("hibernated", deployment(0, 0), [])).toEqual({ kind: "hibernated" });
    expect(observe("hibernated", deployment(1, 1), [])).toEqual({ kind: "progressing" });
    expect(observe("hibernated", deployment(0, 1), [])).toEqual({ kind: "progressing" });
    const terminating = pod("p-going", { conditions: [readyCondition], deleting: true });
    expect(observe("hibernated", deployment(0, 0), [terminating])).toEqual({ kind: "progressing" });
    expect(observe("hibernated", undefined, [])).toEqual({ kind: "progressing" });
  });

  it("terminated needs no Deployment and no pod", () => {
    expect(observe("terminated", undefined, [])).toEqual({ kind: "terminated" });
    expect(observe("terminated", deployment(0, 0), [])).toEqual({ kind: "progressing" });
    const terminating = pod("p-going", { deleting: true });
    expect(observe("terminated", undefined, [terminating])).toEqual({ kind: "progressing" });
  });
});
