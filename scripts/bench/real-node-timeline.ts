/**
 * Where the time between "Session created" and "first frame" goes, for the real-node benchmark.
 *
 * Watches the run's namespace and notes, in milliseconds since a start the benchmark gives, when each
 * object first reached a milestone: the Deployment asking for a pod, its ReplicaSet, the Pod, its node,
 * its IP (sandbox and network up), its container running, its VNC port answering (a TCP connect every
 * 25 ms once the pod has an IP), the pod Ready, and the Service's endpoint ready. Times are when this
 * process saw each change (watch latency included, a few ms); the objects' own condition times have
 * only one-second resolution.
 */
import { connect } from "node:net";
import { type KubeConfig, Watch } from "@kubernetes/client-node";
import { SESSION_LABEL } from "../../src/api/labels.js";
import { now, sleep } from "./sessions-support.js";
import { fmt, percentile } from "./stats.js";

/** Marks the bare baseline pods, so their milestones are keyed like a Session's. */
export const BARE_LABEL = "bench.streamspace.io/bare";

export const MILESTONES = [
  "deployment",
  "replicaset",
  "pod",
  "scheduled",
  "ip",
  "running",
  "port",
  "ready",
  "endpoint",
] as const;
export type Milestone = (typeof MILESTONES)[number] | "phase" | "frame";

const LABELS: Record<Milestone, string> = {
  deployment: "Deployment applied (1 replica)",
  replicaset: "ReplicaSet at 1 replica",
  pod: "Pod created",
  scheduled: "Pod scheduled (nodeName)",
  ip: "Pod IP reported (sandbox + CNI)",
  running: "container running reported",
  port: "VNC port answers at the pod IP",
  ready: "Pod Ready",
  endpoint: "EndpointSlice endpoint ready",
  phase: "Session Running",
  frame: "first framebuffer update read",
};

type Marks = Partial<Record<Milestone, number>>;
type Labelled = { metadata?: { labels?: Record<string, string> } };
type PodLike = Labelled & {
  spec?: { nodeName?: string };
  status?: {
    podIP?: string;
    conditions?: Array<{ type: string; status: string }>;
    containerStatuses?: Array<{ state?: { running?: unknown } }>;
  };
};

function keyOf(object: Labelled): string | undefined {
  const labels = object.metadata?.labels ?? {};
  return labels[SESSION_LABEL] ?? labels[BARE_LABEL];
}

export class Timeline {
  private readonly active = new Map<string, { t0: number; marks: Marks }>();
  private readonly watches: AbortController[] = [];
  readonly samples = new Map<string, Marks[]>();

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly port: number,
  ) {}

  async start(): Promise<void> {
    const watch = new Watch(this.kc);
    const ns = `/namespaces/${this.namespace}`;
    const follow = async (path: string, on: (object: never) => void) => {
      this.watches.push(
        await watch.watch(
          path,
          {},
          (_type, object) => on(object as never),
          () => undefined,
        ),
      );
    };
    await follow(`/apis/apps/v1${ns}/deployments`, (d: Labelled & { spec?: { replicas?: number } }) => {
      if (d.spec?.replicas === 1) this.mark(keyOf(d), "deployment");
    });
    await follow(`/apis/apps/v1${ns}/replicasets`, (r: Labelled & { spec?: { replicas?: number } }) => {
      if (r.spec?.replicas === 1) this.mark(keyOf(r), "replicaset");
    });
    await follow(`/api/v1${ns}/pods`, (p: PodLike) => this.onPod(p));
    await follow(
      `/apis/discovery.k8s.io/v1${ns}/endpointslices`,
      (s: Labelled & { endpoints?: Array<{ conditions?: { ready?: boolean } }> }) => {
        if (s.endpoints?.some((e) => e.conditions?.ready)) this.mark(keyOf(s), "endpoint");
      },
    );
  }

  stop(): void {
    for (const w of this.watches) w.abort();
  }

  /** Starts a measurement of `key` (a Session's name, or a bare pod's); earlier marks are dropped. */
  begin(key: string, t0: number): void {
    this.active.set(key, { t0, marks: {} });
  }

  mark(key: string | undefined, milestone: Milestone, at = now()): void {
    const run = key === undefined ? undefined : this.active.get(key);
    if (run && run.marks[milestone] === undefined) run.marks[milestone] = at - run.t0;
  }

  /** Ends the measurement of `key` and files its marks under `series` ("create", "wake", "bare"). */
  end(key: string, series: string): void {
    const run = this.active.get(key);
    this.active.delete(key);
    if (!run) return;
    this.samples.set(series, [...(this.samples.get(series) ?? []), run.marks]);
  }

  private onPod(pod: PodLike): void {
    const key = keyOf(pod);
    const run = key === undefined ? undefined : this.active.get(key);
    if (!run) return;
    this.mark(key, "pod");
    if (pod.spec?.nodeName) this.mark(key, "scheduled");
    const ip = pod.status?.podIP;
    if (ip && run.marks.ip === undefined) {
      this.mark(key, "ip");
      void this.pollPort(key as string, run, ip);
    }
    if (pod.status?.containerStatuses?.some((c) => c.state?.running)) this.mark(key, "running");
    if (pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
      this.mark(key, "ready");
  }

  /** Bounded: stops when the port answers, the measurement ends, or after 60 s. */
  private async pollPort(key: string, run: { t0: number; marks: Marks }, ip: string): Promise<void> {
    const deadline = now() + 60_000;
    while (this.active.get(key) === run && now() < deadline) {
      const open = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: ip, port: this.port, timeout: 500 });
        const done = (ok: boolean) => {
          socket.destroy();
          resolve(ok);
        };
        socket.once("connect", () => done(true));
        socket.once("error", () => done(false));
        socket.once("timeout", () => done(false));
      });
      if (open) return this.mark(key, "port");
      await sleep(25);
    }
  }

  /** p50 and p95 of each milestone, in ms since the start, per series. */
  table(series: readonly string[]): string {
    const head = series.flatMap((s) => [`${s} p50`, `${s} p95`]);
    const lines = [
      `| milestone (ms since created / woken) | ${head.join(" | ")} |`,
      `| --- | ${head.map(() => "---:").join(" | ")} |`,
    ];
    for (const milestone of [...MILESTONES, "phase", "frame"] as Milestone[]) {
      const cells = series.flatMap((s) => {
        const values = (this.samples.get(s) ?? [])
          .map((m) => m[milestone])
          .filter((v): v is number => v !== undefined);
        return values.length ? [fmt(percentile(values, 50)), fmt(percentile(values, 95))] : ["—", "—"];
      });
      lines.push(`| ${LABELS[milestone]} | ${cells.join(" | ")} |`);
    }
    return lines.join("\n");
  }
}
