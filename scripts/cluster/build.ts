// Builds the control-plane binaries from the Go wrapper modules in scripts/cluster/go/ into a cache
// outside the repository, once per version set. Later calls find the binaries and return at once.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_KEY, KUBERNETES } from "./versions.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The binaries `up` runs, by build. Go names a binary after the last path element of its package,
 *  except that a major-version suffix (/v3) is skipped: go.etcd.io/etcd/server/v3 builds as `server`.
 *  The kubelet is built only for a cluster with a real node (`up --real-node`). */
const BUILDS = {
  kube: {
    module: "kube",
    packages: {
      "k8s.io/kubernetes/cmd/kube-apiserver": "kube-apiserver",
      "k8s.io/kubernetes/cmd/kube-controller-manager": "kube-controller-manager",
      "k8s.io/kubernetes/cmd/kube-scheduler": "kube-scheduler",
      "go.etcd.io/etcd/server/v3": "etcd",
    },
  },
  kubelet: { module: "kubelet", packages: { "k8s.io/kubernetes/cmd/kubelet": "kubelet" } },
  kwok: { module: "kwok", packages: { "sigs.k8s.io/kwok/cmd/kwok": "kwok" } },
} as const;

type Build = keyof typeof BUILDS;

export type Binary =
  | "etcd"
  | "kube-apiserver"
  | "kube-controller-manager"
  | "kube-scheduler"
  | "kwok"
  | "kubelet";

export function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "streamspace");
}

export function binDir(): string {
  return join(cacheRoot(), "cluster", BUILD_KEY, "bin");
}

export function binary(name: Binary): string {
  return join(binDir(), name);
}

/** Finds the go command; /usr/local/go is where the official tarball goes and is often not on PATH. */
export function goCommand(): string {
  for (const candidate of ["go", "/usr/local/go/bin/go"]) {
    try {
      execFileSync(candidate, ["version"], { stdio: "ignore" });
      return candidate;
    } catch {}
  }
  throw new Error("go not found: install Go 1.26 (https://go.dev/dl/) and put it on PATH");
}

/** -s -w: no symbol tables, for a quicker link and smaller binaries. Kubernetes' own build stamps its
 *  version with -X; without it the API server reports v0.0.0-master, which kubectl and Helm reject. */
function ldflags(module: string): string {
  if (module === "kwok") return "-s -w";
  const [major, minor] = KUBERNETES.slice(1).split(".");
  const stamp = (pkg: string) =>
    `-X ${pkg}.gitVersion=${KUBERNETES} -X ${pkg}.gitMajor=${major} -X ${pkg}.gitMinor=${minor} -X ${pkg}.gitTreeState=clean`;
  return `-s -w ${stamp("k8s.io/component-base/version")} ${stamp("k8s.io/client-go/pkg/version")}`;
}

/** A change to a wrapper's go.mod/go.sum or to the flags, without a version bump, must still rebuild. */
function buildStamp(build: Build): string {
  const { module } = BUILDS[build];
  const dir = join(here, "go", module);
  const hash = createHash("sha256");
  for (const f of ["go.mod", "go.sum"]) hash.update(readFileSync(join(dir, f)));
  hash.update(ldflags(module));
  return hash.digest("hex");
}

function run(cmd: string, args: string[], cwd: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const line of chunk.toString().split("\n")) if (line.trim()) log(line);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${args.join(" ")} failed (${code}) in ${cwd}\n${stderr}`)),
    );
  });
}

/**
 * Builds whatever is missing or stale and returns the bin directory; the kubelet only when asked
 * for. Safe to run concurrently: each build goes to a private directory and its binaries are renamed
 * into place.
 */
export async function ensureBinaries(
  log: (line: string) => void = (l) => console.error(l),
  options: { kubelet?: boolean } = {},
): Promise<string> {
  const bin = binDir();
  mkdirSync(bin, { recursive: true });
  const builds: Build[] = ["kube", "kwok", ...(options.kubelet ? (["kubelet"] as const) : [])];
  for (const build of builds) {
    const { module, packages } = BUILDS[build];
    const stampFile = join(bin, `.${build}.stamp`);
    const stamp = buildStamp(build);
    const fresh =
      Object.values(packages).every((name) => existsSync(join(bin, name))) &&
      existsSync(stampFile) &&
      readFileSync(stampFile, "utf8") === stamp;
    if (fresh) continue;

    const go = goCommand();
    const started = Date.now();
    log(
      `building ${Object.values(packages).join(", ")} (module scripts/cluster/go/${module}); the first build takes a while`,
    );
    const out = mkdtempSync(join(bin, `.build-${build}-`));
    try {
      await run(
        go,
        ["build", "-trimpath", `-ldflags=${ldflags(module)}`, "-o", `${out}/`, ...Object.keys(packages)],
        join(here, "go", module),
        log,
      );
      for (const [pkg, name] of Object.entries(packages))
        renameSync(join(out, goBinaryName(pkg)), join(bin, name));
      writeFileSync(stampFile, stamp);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    log(`built ${build} in ${((Date.now() - started) / 1000).toFixed(0)}s into ${bin}`);
  }
  return bin;
}

function goBinaryName(pkg: string): string {
  const parts = pkg.split("/");
  const last = parts.at(-1) ?? pkg;
  return /^v\d+$/.test(last) ? (parts.at(-2) ?? last) : last;
}
