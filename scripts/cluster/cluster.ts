// A local Kubernetes control plane made of plain processes on loopback: etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler and kwok (which plays the kubelets of a few fake nodes).
// Every cluster lives in its own state directory (certificates, etcd data, logs, pids, kubeconfig),
// and its processes are detached so they outlive the command that started them.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureImages, importImages } from "../images/build.js";
import { binary, cacheRoot, ensureBinaries } from "./build.js";
import { type ClientCert, createPki } from "./pki.js";
import {
  assertRealNodeFree,
  claimRealNode,
  containerdArgs,
  kubeletArgs,
  prepareRealNode,
  REAL_NODE_NAME,
  tearDownRealNode,
  writeKubeletConfig,
} from "./real-node.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Fake nodes: sized like a typical worker so the scheduler's resource fit means something. */
const NODES = 3;
const NODE_CAPACITY = { cpu: "32", memory: "128Gi", pods: "110", "ephemeral-storage": "500Gi" };
/** The annotation kwok is told to look for (--manage-nodes-with-annotation-selector). */
export const KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";

export interface ClusterState {
  name: string;
  dir: string;
  kubeconfig: string;
  server: string;
  ports: { etcd: number; etcdPeer: number; apiserver: number };
  /** Process ids by component, in start order. */
  pids: Record<string, number>;
  /** Whether the cluster has the machine's real node (containerd and a kubelet) besides kwok's. */
  realNode?: boolean;
}

export interface UpOptions {
  /** Add the real node: build the kubelet and the session images if needed, start containerd and
   *  the kubelet. At most one cluster per machine has it. */
  readonly realNode?: boolean;
}

/** The default StorageClass: the controller manager's host-path provisioner binds every claim at
 *  once (kwok pods have no node that could delay it), under /tmp/hostpath_pv/ on this machine. */
export const STORAGE_CLASS = "standard";
const HOSTPATH_PV_ROOT = "/tmp/hostpath_pv/";

type Log = (line: string) => void;
const stderrLog: Log = (line) => console.error(line);

export function clustersRoot(): string {
  return process.env.STREAMSPACE_CLUSTERS_DIR ?? join(cacheRoot(), "clusters");
}

export function stateDir(name: string): string {
  if (!/^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/.test(name)) {
    throw new Error(`invalid cluster name ${JSON.stringify(name)}: use lowercase letters, digits and dashes`);
  }
  return join(clustersRoot(), name);
}

export function readState(name: string): ClusterState | undefined {
  const file = join(stateDir(name), "state.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as ClusterState) : undefined;
}

function writeState(state: ClusterState): void {
  writeFileSync(join(state.dir, "state.json"), `${JSON.stringify(state, null, 2)}\n`);
}

/** True if pid is alive and is one of this cluster's processes (pids get reused after a reboot). */
function isOurs(pid: number, dir: string): boolean {
  try {
    // The trailing slash keeps cluster "a" from claiming the processes of cluster "ab".
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(`${dir}/`);
  } catch {
    return false;
  }
}

/** Asks the OS for free loopback ports. All listeners stay open until every port is known, so the
 *  ports differ from each other; another program could still take one before we bind it. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer();
          s.once("error", reject);
          s.listen(0, "127.0.0.1", () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => {
    const addr = s.address();
    if (addr === null || typeof addr === "string") throw new Error("no port");
    return addr.port;
  });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

function kubeconfigYaml(
  name: string,
  server: string,
  caCert: string,
  user: string,
  cert: ClientCert,
): string {
  const b64 = (file: string) => readFileSync(file).toString("base64");
  // JSON is valid YAML and needs no library.
  return JSON.stringify(
    {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name, cluster: { server, "certificate-authority-data": b64(caCert) } }],
      users: [
        { name: user, user: { "client-certificate-data": b64(cert.cert), "client-key-data": b64(cert.key) } },
      ],
      contexts: [{ name, context: { cluster: name, user } }],
      "current-context": name,
    },
    null,
    2,
  );
}

interface Api {
  get(path: string): Promise<{ status: number; body: string }>;
  post(path: string, body: unknown): Promise<{ status: number; body: string }>;
}

/** A minimal HTTPS client with the admin certificate; loading @kubernetes/client-node would cost
 *  more start-up time than the three calls `up` makes. */
function adminApi(state: ClusterState): Api {
  const pki = join(state.dir, "pki");
  const tls = {
    ca: readFileSync(join(pki, "ca.crt")),
    cert: readFileSync(join(pki, "admin.crt")),
    key: readFileSync(join(pki, "admin.key")),
  };
  const call = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(
        { host: "127.0.0.1", port: state.ports.apiserver, method, path, ...tls, timeout: 5000 },
        (res) => {
          let data = "";
          res.on("data", (c: Buffer) => {
            data += c.toString();
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
        },
      );
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on("error", reject);
      if (body !== undefined) {
        req.setHeader("content-type", "application/json");
        req.end(JSON.stringify(body));
      } else req.end();
    });
  return { get: (p) => call("GET", p), post: (p, b) => call("POST", p, b) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function logTail(state: ClusterState, component: string): string {
  const file = join(state.dir, "logs", `${component}.log`);
  if (!existsSync(file)) return "";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-15).join("\n");
}

/** Polls `check` until it returns true; fails early, with the component's log, if a process died. */
async function until(
  state: ClusterState,
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const [component, pid] of Object.entries(state.pids)) {
      if (!isOurs(pid, state.dir)) {
        throw new Error(
          `${component} exited while waiting for ${what}; end of ${state.dir}/logs/${component}.log:\n${logTail(state, component)}`,
        );
      }
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what} (logs in ${state.dir}/logs)`);
    await sleep(100);
  }
}

function spawnDetached(state: ClusterState, component: string, args: string[], command?: string): void {
  const out = openSync(join(state.dir, "logs", `${component}.log`), "a");
  // detached: own process group and session, so the processes survive the cli and a Ctrl-C in its
  // terminal; `down` stops them by pid.
  const child = spawn(command ?? binary(component as Parameters<typeof binary>[0]), args, {
    cwd: state.dir,
    detached: true,
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  child.unref();
  if (child.pid === undefined) throw new Error(`could not start ${command ?? component}`);
  state.pids[component] = child.pid;
  writeState(state); // at once, so `down` can clean up after a failed `up`
}

/** Is the cluster recorded under this name running and answering? */
export async function isHealthy(state: ClusterState): Promise<boolean> {
  if (!Object.values(state.pids).every((pid) => isOurs(pid, state.dir))) return false;
  const res = await adminApi(state)
    .get("/readyz")
    .catch(() => undefined);
  return res?.status === 200;
}

/**
 * Starts the cluster `name` (or returns it if it already runs) and resolves once the API server is
 * ready, the fake nodes are Ready and the controller manager has created the default ServiceAccount.
 */
export async function up(name: string, log: Log = stderrLog, options: UpOptions = {}): Promise<ClusterState> {
  const existing = readState(name);
  if (existing && (await isHealthy(existing)) && (existing.realNode || !options.realNode)) return existing;
  if (options.realNode) assertRealNodeFree(stateDir(name), isRunning);
  await ensureBinaries(log, { kubelet: options.realNode });
  const images = options.realNode ? await ensureImages(log) : [];
  for (let attempt = 1; ; attempt++) {
    // Leftovers of a crashed or half-started cluster go first.
    if (readState(name) || existsSync(stateDir(name))) await down(name);
    try {
      return await start(name, log, images);
    } catch (err) {
      // The free ports were free when chosen, but another process can bind one before we do.
      if (attempt >= 3 || !/address already in use/.test(String(err))) throw err;
      log(`cluster ${name}: a port was taken meanwhile; starting again on other ports`);
    }
  }
}

/** Starts a cluster; with image archives, a real node too (which runs them). */
async function start(name: string, log: Log, images: string[]): Promise<ClusterState> {
  const dir = stateDir(name);
  const t0 = Date.now();
  for (const sub of ["pki", "logs", "etcd"]) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  const [pki, [etcdPort, etcdPeerPort, apiPort]] = await Promise.all([
    createPki(join(dir, "pki")),
    freePorts(3),
  ]);
  if (etcdPort === undefined || etcdPeerPort === undefined || apiPort === undefined)
    throw new Error("no ports");
  const server = `https://127.0.0.1:${apiPort}`;
  const state: ClusterState = {
    name,
    dir,
    kubeconfig: join(dir, "kubeconfig"),
    server,
    ports: { etcd: etcdPort, etcdPeer: etcdPeerPort, apiserver: apiPort },
    pids: {},
    ...(images.length ? { realNode: true } : {}),
  };
  const kubeconfigs = {
    admin: state.kubeconfig,
    controllerManager: join(dir, "controller-manager.kubeconfig"),
    scheduler: join(dir, "scheduler.kubeconfig"),
    kwok: join(dir, "kwok.kubeconfig"),
    kubelet: join(dir, "kubelet.kubeconfig"),
  };
  writeFileSync(
    kubeconfigs.admin,
    kubeconfigYaml(`streamspace-${name}`, server, pki.caCert, "admin", pki.admin),
    { mode: 0o600 },
  );
  writeFileSync(
    kubeconfigs.controllerManager,
    kubeconfigYaml(name, server, pki.caCert, "kcm", pki.controllerManager),
    { mode: 0o600 },
  );
  writeFileSync(kubeconfigs.scheduler, kubeconfigYaml(name, server, pki.caCert, "scheduler", pki.scheduler), {
    mode: 0o600,
  });
  writeFileSync(kubeconfigs.kwok, kubeconfigYaml(name, server, pki.caCert, "kwok", pki.kwok), {
    mode: 0o600,
  });
  writeFileSync(kubeconfigs.kubelet, kubeconfigYaml(name, server, pki.caCert, "kubelet", pki.kubelet), {
    mode: 0o600,
  });

  try {
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const peerUrl = `http://127.0.0.1:${etcdPeerPort}`;
    // Plain HTTP between the API server and etcd is acceptable on loopback (envtest does the same);
    // fsync is off because the data is thrown away with the cluster.
    spawnDetached(state, "etcd", [
      `--name=${name}`,
      `--data-dir=${join(dir, "etcd")}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=${name}=${peerUrl}`,
      "--unsafe-no-fsync",
      "--log-level=warn",
    ]);
    // The API server retries etcd until it answers, so it can start at the same time.
    spawnDetached(state, "kube-apiserver", [
      `--etcd-servers=${etcdUrl}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${apiPort}`,
      `--cert-dir=${pki.dir}`,
      `--tls-cert-file=${pki.apiserver.cert}`,
      `--tls-private-key-file=${pki.apiserver.key}`,
      `--client-ca-file=${pki.caCert}`,
      "--authorization-mode=Node,RBAC",
      "--enable-admission-plugins=NodeRestriction",
      "--allow-privileged=true",
      "--service-cluster-ip-range=10.96.0.0/16",
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${pki.saPub}`,
      `--service-account-signing-key-file=${pki.saKey}`,
      "--profiling=false",
      // The `kubernetes` Service may not point at a loopback address; without this the API server
      // retries (and logs an error) every 10 s. Nothing here reaches it through the Service anyway.
      "--endpoint-reconciler-type=none",
      // For `kubectl logs` and `exec` on the real node (its kubelet trusts the cluster's CA).
      `--kubelet-client-certificate=${pki.admin.cert}`,
      `--kubelet-client-key=${pki.admin.key}`,
      // The real node's name resolves nowhere; its address does.
      "--kubelet-preferred-address-types=InternalIP",
    ]);
    const api = adminApi(state);
    await until(
      state,
      "the API server's /readyz",
      90_000,
      async () => (await api.get("/readyz")).status === 200,
    );
    const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
    log(`cluster ${name}: API server ready at ${server} after ${elapsed()}`);

    // The controller manager and scheduler give up if the API server is not healthy within seconds of
    // their start, hence after /readyz. kwok needs the nodes to exist only eventually.
    spawnDetached(state, "kube-controller-manager", [
      `--kubeconfig=${kubeconfigs.controllerManager}`,
      "--secure-port=0",
      "--leader-elect=false",
      `--cluster-name=${name}`,
      // Cloud controllers have no cloud here; bootstrap-signer and token-cleaner are off by default.
      "--controllers=*,-cloud-node-lifecycle-controller,-service-lb-controller,-node-route-controller",
      // One ServiceAccount per controller, as kubeadm does; needs the token signing key below.
      "--use-service-account-credentials=true",
      `--service-account-private-key-file=${pki.saKey}`,
      `--root-ca-file=${pki.caCert}`,
      `--cluster-signing-cert-file=${pki.caCert}`,
      `--cluster-signing-key-file=${pki.caKey}`,
      // The defaults (20 qps) throttle benchmarks that create many objects at once.
      "--kube-api-qps=200",
      "--kube-api-burst=400",
      // Binds persistent homes: see STORAGE_CLASS.
      "--enable-hostpath-provisioner",
    ]);
    spawnDetached(state, "kube-scheduler", [
      `--kubeconfig=${kubeconfigs.scheduler}`,
      "--secure-port=0",
      "--leader-elect=false",
      "--kube-api-qps=200",
      "--kube-api-burst=400",
    ]);
    spawnDetached(state, "kwok", [
      `--kubeconfig=${kubeconfigs.kwok}`,
      `--config=${join(here, "stages.yaml")}`,
      `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=fake`,
      // kwok renews each node's Lease itself; the node controller reads Leases as heartbeats.
      "--node-lease-duration-seconds=40",
      "--cidr=10.244.0.1/16",
      // Loopback, so that anything the API server sends to a "kubelet" (kubectl logs) stays on this host.
      "--node-ip=127.0.0.1",
      // At INFO kwok logs every Lease renewal and status patch: megabytes per benchmark.
      "--v=WARN",
    ]);

    for (let i = 0; i < NODES; i++) {
      const node = `kwok-node-${i}`;
      const res = await api.post("/api/v1/nodes", {
        apiVersion: "v1",
        kind: "Node",
        metadata: {
          name: node,
          annotations: { [KWOK_NODE_ANNOTATION]: "fake" },
          labels: {
            "kubernetes.io/hostname": node,
            "kubernetes.io/os": "linux",
            "kubernetes.io/arch": "amd64",
            type: "kwok",
          },
        },
        status: { capacity: NODE_CAPACITY, allocatable: NODE_CAPACITY },
      });
      if (res.status !== 201) throw new Error(`creating node ${node} failed (${res.status}): ${res.body}`);
    }
    const storageClass = await api.post("/apis/storage.k8s.io/v1/storageclasses", {
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: {
        name: STORAGE_CLASS,
        annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      },
      provisioner: "kubernetes.io/host-path",
      reclaimPolicy: "Delete",
      volumeBindingMode: "Immediate",
    });
    if (storageClass.status !== 201)
      throw new Error(
        `creating StorageClass ${STORAGE_CLASS} failed (${storageClass.status}): ${storageClass.body}`,
      );
    if (state.realNode) await startRealNode(state, kubeconfigs.kubelet, pki.caCert, images, log);
    const wanted = NODES + (state.realNode ? 1 : 0);
    await until(state, `${wanted} Ready nodes`, 120_000, async () => {
      const nodes = JSON.parse((await api.get("/api/v1/nodes")).body) as {
        items: { status?: { conditions?: { type: string; status: string }[] } }[];
      };
      const ready = nodes.items.filter((n) =>
        n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
      );
      return ready.length >= wanted;
    });
    // Pods are rejected until their namespace's default ServiceAccount exists.
    await until(
      state,
      "the default ServiceAccount",
      60_000,
      async () => (await api.get("/api/v1/namespaces/default/serviceaccounts/default")).status === 200,
    );
    log(`cluster ${name}: nodes Ready and default ServiceAccount created after ${elapsed()}`);
    return state;
  } catch (err) {
    log(
      `cluster ${name} failed to start; logs are kept in ${join(dir, "logs")} until \`cluster:down --name ${name}\``,
    );
    await stopProcesses(state);
    if (state.realNode) tearDownRealNode(dir);
    throw err;
  }
}

/** Does the cluster in `dir` (any clusters root) still have a live process? */
function isRunning(dir: string): boolean {
  const file = join(dir, "state.json");
  if (!existsSync(file)) return false;
  const other = JSON.parse(readFileSync(file, "utf8")) as ClusterState;
  return Object.values(other.pids).some((pid) => isOurs(pid, other.dir));
}

async function startRealNode(
  state: ClusterState,
  kubeconfig: string,
  caCert: string,
  images: string[],
  log: Log,
): Promise<void> {
  claimRealNode(state.dir, isRunning);
  const [kubeletPort] = await freePorts(1);
  if (kubeletPort === undefined) throw new Error("no port");
  const node = await prepareRealNode(state.dir, kubeletPort);
  spawnDetached(state, "containerd", containerdArgs(state.dir), "containerd");
  await until(state, "containerd's socket", 30_000, async () => existsSync(node.socket));
  const t0 = Date.now();
  await importImages(node.socket, images);
  log(
    `cluster ${state.name}: images imported into the real node in ${((Date.now() - t0) / 1000).toFixed(1)}s`,
  );
  writeKubeletConfig(state.dir, caCert, kubeletPort);
  spawnDetached(state, "kubelet", kubeletArgs(state.dir, kubeconfig));
}

/** The real node as its kubelet reports it: Ready or not, and the images it holds. */
export async function realNodeStatus(state: ClusterState): Promise<{ ready: boolean; images: string[] }> {
  const res = await adminApi(state).get(`/api/v1/nodes/${REAL_NODE_NAME}`);
  if (res.status !== 200) return { ready: false, images: [] };
  const node = JSON.parse(res.body) as {
    status?: { conditions?: { type: string; status: string }[]; images?: { names?: string[] }[] };
  };
  return {
    ready: node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false,
    images: (node.status?.images ?? []).flatMap((i) => i.names ?? []).filter((n) => !n.includes("@sha256:")),
  };
}

/** Host paths of the volumes the host-path provisioner made for this cluster (they outlive it). */
async function provisionedPaths(state: ClusterState): Promise<string[]> {
  const res = await adminApi(state).get("/api/v1/persistentvolumes");
  if (res.status !== 200) return [];
  const pvs = JSON.parse(res.body) as { items: { spec?: { hostPath?: { path?: string } } }[] };
  return pvs.items
    .map((pv) => pv.spec?.hostPath?.path ?? "")
    .filter((p) => p.startsWith(HOSTPATH_PV_ROOT) && !p.slice(HOSTPATH_PV_ROOT.length).includes(".."));
}

async function stopProcesses(state: ClusterState): Promise<void> {
  // Reverse start order: clients first, etcd last, so nothing logs errors about a vanished server.
  const pids = Object.values(state.pids)
    .reverse()
    .filter((pid) => isOurs(pid, state.dir));
  for (const pid of pids) process.kill(pid, "SIGTERM");
  // A graceful shutdown takes each component 1-3 s, and the state is thrown away anyway: a short
  // grace period, then SIGKILL.
  const deadline = Date.now() + 2_000;
  while (pids.some((pid) => isOurs(pid, state.dir)) && Date.now() < deadline) await sleep(50);
  for (const pid of pids) if (isOurs(pid, state.dir)) process.kill(pid, "SIGKILL");
}

/** Stops the cluster's processes and removes its state directory. Returns false if there was none. */
export async function down(name: string): Promise<boolean> {
  const dir = stateDir(name);
  const state = readState(name);
  const volumes = state ? await provisionedPaths(state).catch(() => []) : [];
  if (state) await stopProcesses(state);
  if (state?.realNode) tearDownRealNode(dir);
  for (const volume of volumes) rmSync(volume, { recursive: true, force: true });
  if (!existsSync(dir)) return state !== undefined;
  rmSync(dir, { recursive: true, force: true });
  return true;
}
