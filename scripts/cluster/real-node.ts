// The local cluster's one real node: containerd (root, state and socket under the cluster's state
// directory) and a kubelet that registers with the cluster's API server, with a CNI bridge for pod
// networking. Session pods run there when they tolerate its taint; everything else stays on kwok.
// Design and the side effects it undoes: docs/decisions/0070-a-real-node-in-the-local-cluster.md.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export const REAL_NODE_NAME = "streamspace-real-node";
/** Label and taint key of the real node; pods select and tolerate `streamspace.io/node=real`. */
export const REAL_NODE_KEY = "streamspace.io/node";
export const REAL_NODE_VALUE = "real";
/** What a pod spec (or the platform config's `sessions`) needs to run on the real node. */
export const REAL_NODE_PLACEMENT = {
  nodeSelector: { [REAL_NODE_KEY]: REAL_NODE_VALUE },
  tolerations: [{ key: REAL_NODE_KEY, operator: "Equal", value: REAL_NODE_VALUE, effect: "NoSchedule" }],
};
/** The bridge pods attach to, and their subnet; the host is its gateway (and the kubelet's address). */
const BRIDGE = "ssrn0";
const POD_SUBNET = "10.123.0.0/24";
const NODE_IP = "10.123.0.1";
/** Who holds the machine's one real node: a kubelet's cgroups, bridge and chains are machine-wide. */
const LOCK = "/run/streamspace-real-node.json";
/** Our filter chain: pods reach the host and each other, never beyond (no traffic leaves the machine). */
const FORWARD_CHAIN = "STREAMSPACE-NODE";
/** Kernel settings the kubelet and the CNI bridge change; restored by `down`. */
const SYSCTLS = ["vm.overcommit_memory", "kernel.panic", "kernel.panic_on_oops", "net.ipv4.ip_forward"];
/** Machine-wide directories containerd's shims and the CNI library use whatever we configure. */
const SHARED_DIRS = ["/run/containerd", "/var/lib/cni", "/run/netns", "/var/log/containers"];

export interface RealNodeState {
  /** The cluster's state directory. */
  dir: string;
  socket: string;
  /** Sysctl values before `up`. */
  sysctls: Record<string, string>;
  /** Which of SHARED_DIRS did not exist before `up` (and are removed by `down`). */
  createdDirs: string[];
  kubeletPort: number;
}

export function realNodeDirs(dir: string) {
  const base = join(dir, "node");
  return {
    base,
    containerd: join(base, "containerd"),
    socket: join(base, "containerd", "containerd.sock"),
    cniConf: join(base, "cni", "net.d"),
    cniIpam: join(base, "cni", "ipam"),
    kubelet: join(base, "kubelet"),
  };
}

async function sh(cmd: string, args: string[]): Promise<string> {
  try {
    return (await execFileAsync(cmd, args, { timeout: 60_000 })).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string; code?: string };
    if (e.code === "ENOENT")
      throw new Error(
        `${cmd} not found: a real node needs apt-get install runc containerd iptables containernetworking-plugins`,
      );
    throw new Error(`${cmd} ${args.join(" ")} failed: ${e.stderr?.trim() || e.message}`);
  }
}

function trySync(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: "ignore", timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

function readLock(): { dir: string } | undefined {
  try {
    return JSON.parse(readFileSync(LOCK, "utf8")) as { dir: string };
  } catch {
    return undefined;
  }
}

/** Fails unless the cluster in `dir` may have the machine's real node: root, and no running
 *  cluster has it. Checked before anything is built or started, and again by claimRealNode. */
export function assertRealNodeFree(dir: string, isRunning: (dir: string) => boolean): void {
  if (process.getuid?.() !== 0) throw new Error("a real node needs root (containerd, kubelet, iptables)");
  const holder = readLock();
  if (holder && holder.dir !== dir && existsSync(holder.dir) && isRunning(holder.dir))
    throw new Error(
      `the real node belongs to the cluster in ${holder.dir}: at most one real node per machine; stop that cluster first (npm run cluster:down -- --name <its name>)`,
    );
}

/** Claims the machine's real node for the cluster in `dir`; fails if a running cluster has it. */
export function claimRealNode(dir: string, isRunning: (dir: string) => boolean): void {
  assertRealNodeFree(dir, isRunning);
  const holder = readLock();
  // A holder that is gone (or a crash that lost the lock) left side effects behind: undo them first.
  if (holder) tearDownRealNode(holder.dir);
  cleanUpMachine();
  writeFileSync(LOCK, JSON.stringify({ dir }));
}

export async function prepareRealNode(dir: string, kubeletPort: number): Promise<RealNodeState> {
  const d = realNodeDirs(dir);
  const sysctls: Record<string, string> = {};
  for (const key of SYSCTLS) sysctls[key] = (await sh("sysctl", ["-n", key])).trim();
  const createdDirs = SHARED_DIRS.filter((p) => !existsSync(p));
  const state: RealNodeState = { dir, socket: d.socket, sysctls, createdDirs, kubeletPort };
  writeFileSync(join(dir, "real-node.json"), JSON.stringify(state, null, 2));
  for (const sub of [d.containerd, d.cniConf, d.cniIpam, d.kubelet]) mkdirSync(sub, { recursive: true });

  // The bridge exists before the first pod so that the kubelet can serve on (and report) its address:
  // a kubelet refuses a loopback node IP.
  await sh("ip", ["link", "add", BRIDGE, "type", "bridge"]);
  await sh("ip", ["addr", "add", `${NODE_IP}/24`, "dev", BRIDGE]);
  await sh("ip", ["link", "set", BRIDGE, "up"]);
  await sh("iptables", ["-w", "-N", FORWARD_CHAIN]);
  await sh("iptables", ["-w", "-A", FORWARD_CHAIN, "-i", BRIDGE, "-o", BRIDGE, "-j", "ACCEPT"]);
  await sh("iptables", ["-w", "-A", FORWARD_CHAIN, "-i", BRIDGE, "-j", "DROP"]);
  await sh("iptables", ["-w", "-A", FORWARD_CHAIN, "-o", BRIDGE, "-j", "DROP"]);
  await sh("iptables", ["-w", "-I", "FORWARD", "-j", FORWARD_CHAIN]);

  writeFileSync(join(d.containerd, "config.toml"), containerdConfig(d));
  writeFileSync(
    join(d.cniConf, "10-streamspace.conflist"),
    JSON.stringify({
      cniVersion: "1.0.0",
      name: "streamspace",
      plugins: [
        {
          type: "bridge",
          bridge: BRIDGE,
          isGateway: true,
          ipMasq: false,
          hairpinMode: true,
          ipam: {
            type: "host-local",
            ranges: [[{ subnet: POD_SUBNET, gateway: NODE_IP }]],
            dataDir: d.cniIpam,
          },
        },
        { type: "portmap", capabilities: { portMappings: true } },
      ],
    }),
  );
  return state;
}

function containerdConfig(d: ReturnType<typeof realNodeDirs>): string {
  return `# Written by scripts/cluster/real-node.ts for this cluster's real node.
version = 2
root = "${join(d.containerd, "root")}"
state = "${join(d.containerd, "state")}"
# Plugins that would write outside the state directory, or that this machine cannot use.
disabled_plugins = ["io.containerd.internal.v1.opt", "io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = "${d.socket}"

[ttrpc]
  address = "${d.socket}.ttrpc"

[debug]
  level = "warn"

[plugins."io.containerd.grpc.v1.cri"]
  # No registry is reachable: the pause image is built locally (scripts/images).
  sandbox_image = "streamspace.local/pause:1"
  # Root here lacks CAP_SYS_RESOURCE: without this every sandbox fails writing oom_score_adj.
  restrict_oom_score_adj = true
  disable_apparmor = true
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "${join(d.containerd, "runc")}"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${d.cniConf}"
`;
}

export function kubeletConfig(dir: string, caCert: string, port: number): string {
  const d = realNodeDirs(dir);
  return JSON.stringify(
    {
      apiVersion: "kubelet.config.k8s.io/v1beta1",
      kind: "KubeletConfiguration",
      address: NODE_IP,
      port,
      readOnlyPort: 0,
      healthzPort: 0,
      authentication: {
        anonymous: { enabled: false },
        webhook: { enabled: false },
        x509: { clientCAFile: caCert },
      },
      authorization: { mode: "AlwaysAllow" },
      // No systemd here, and the machine has cgroup v1 (which Kubernetes 1.35 drops: we stay on 1.34).
      cgroupDriver: "cgroupfs",
      failCgroupV1: false,
      failSwapOn: false,
      containerRuntimeEndpoint: `unix://${d.socket}`,
      podLogsDir: join(d.base, "pod-logs"),
      // The kubelet's own iptables chains protect kube-proxy's NodePorts; there is no kube-proxy here.
      makeIPTablesUtilChains: false,
      // Pods get no DNS: nothing they may reach has a name.
      resolvConf: "",
      registerWithTaints: [{ key: REAL_NODE_KEY, value: REAL_NODE_VALUE, effect: "NoSchedule" }],
      // Imported images cannot be pulled again: never collect them, and never evict for a full disk
      // that other programs on this shared machine fill.
      imageGCHighThresholdPercent: 100,
      imageGCLowThresholdPercent: 99,
      evictionHard: { "memory.available": "50Mi", "nodefs.available": "1%", "imagefs.available": "1%" },
      serializeImagePulls: false,
      nodeStatusMaxImages: 50,
      maxPods: 110,
    },
    null,
    2,
  );
}

export function kubeletArgs(dir: string, kubeconfig: string): string[] {
  const d = realNodeDirs(dir);
  return [
    `--config=${join(d.base, "kubelet.json")}`,
    `--kubeconfig=${kubeconfig}`,
    `--root-dir=${d.kubelet}`,
    `--cert-dir=${join(d.kubelet, "pki")}`,
    `--hostname-override=${REAL_NODE_NAME}`,
    `--node-ip=${NODE_IP}`,
    `--node-labels=${REAL_NODE_KEY}=${REAL_NODE_VALUE}`,
    "--v=1",
  ];
}

export function writeKubeletConfig(dir: string, caCert: string, port: number): void {
  writeFileSync(join(realNodeDirs(dir).base, "kubelet.json"), kubeletConfig(dir, caCert, port));
}

export function containerdArgs(dir: string): string[] {
  return ["--config", join(realNodeDirs(dir).containerd, "config.toml")];
}

export function readRealNodeState(dir: string): RealNodeState | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, "real-node.json"), "utf8")) as RealNodeState;
  } catch {
    return undefined;
  }
}

/** Processes in the kubelet's pod cgroups (the containers, which outlive a killed containerd). */
function podProcesses(): number[] {
  const root = "/sys/fs/cgroup/pids/kubepods";
  const pids: number[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const line of readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n"))
      if (line) pids.push(Number(line));
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
  };
  walk(root);
  return pids;
}

/** Removes a cgroup tree, deepest first (a cgroup is removed with rmdir once it has no processes). */
function removeCgroupTree(dir: string): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    if (e.isDirectory()) removeCgroupTree(join(dir, e.name));
  try {
    rmdirSync(dir);
  } catch {}
}

/** Mount points under `prefix`, deepest first. */
function mountsUnder(prefix: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((l) => l.split(" ")[4] ?? "")
    .filter((m) => m === prefix || m.startsWith(`${prefix}/`))
    .sort((a, b) => b.length - a.length);
}

/**
 * Undoes the machine-wide side effects of a real node, whichever cluster had it: kills what runs in
 * the pod cgroups, removes those cgroups, the pods' network namespaces, the bridge and our iptables
 * chains. Safe to call when nothing is left.
 */
function cleanUpMachine(): void {
  for (let round = 0; round < 20; round++) {
    const pids = podProcesses();
    if (pids.length === 0) break;
    for (const pid of pids)
      try {
        process.kill(pid, "SIGKILL");
      } catch {}
    execFileSync("sleep", ["0.1"]);
  }
  for (const controller of readdirSync("/sys/fs/cgroup"))
    removeCgroupTree(join("/sys/fs/cgroup", controller, "kubepods"));
  if (existsSync("/run/netns"))
    for (const ns of readdirSync("/run/netns").filter((n) => n.startsWith("cni-")))
      trySync("ip", ["netns", "delete", ns]);
  trySync("ip", ["link", "delete", BRIDGE]);
  while (trySync("iptables", ["-w", "-D", "FORWARD", "-j", FORWARD_CHAIN])) {}
  trySync("iptables", ["-w", "-F", FORWARD_CHAIN]);
  trySync("iptables", ["-w", "-X", FORWARD_CHAIN]);
  removePortmapChains();
}

/** containerd's shims outlive containerd; each names the socket of the containerd that started it. */
function killShims(socket: string): void {
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(socket)) process.kill(Number(pid), "SIGKILL");
    } catch {}
  }
}

/** The CNI portmap plugin's chains (CNI-HOSTPORT-*, CNI-DN-*) and the rules that jump to them. */
function removePortmapChains(): void {
  let rules = "";
  try {
    rules = execFileSync("iptables-save", ["-t", "nat"], { encoding: "utf8", timeout: 30_000 });
  } catch {
    return;
  }
  const jumps = rules.split("\n").filter((l) => /^-A (PREROUTING|OUTPUT|POSTROUTING) .*-j CNI-/.test(l));
  for (const rule of jumps) trySync("iptables", ["-w", "-t", "nat", ...rule.replace(/^-A/, "-D").split(" ")]);
  const chains = rules
    .split("\n")
    .map((l) => /^:(CNI-\S+)/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined);
  for (const chain of chains) trySync("iptables", ["-w", "-t", "nat", "-F", chain]);
  for (const chain of chains) trySync("iptables", ["-w", "-t", "nat", "-X", chain]);
}

/** After containerd and the kubelet stopped: undo every side effect `prepareRealNode` and they had. */
export function tearDownRealNode(dir: string): void {
  const state = readRealNodeState(dir);
  if (!state) return;
  cleanUpMachine();
  killShims(state.socket);
  for (const mount of mountsUnder(realNodeDirs(dir).base)) trySync("umount", ["-l", mount]);
  for (const [key, value] of Object.entries(state.sysctls))
    trySync("sysctl", ["-q", "-w", `${key}=${value}`]);
  for (const created of state.createdDirs) {
    for (const mount of mountsUnder(created)) trySync("umount", ["-l", mount]);
    rmSync(created, { recursive: true, force: true });
  }
  if (readLock()?.dir === dir) rmSync(LOCK, { force: true });
}
