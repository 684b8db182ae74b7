// Builds the images of definitions.ts as OCI archives, cached by content under
// ~/.cache/streamspace/images/: a root filesystem from Debian packages (debootstrap), one layer made
// reproducibly (sorted names, fixed times, numeric owners), and an image config per name (umoci).
// Images that share a root filesystem share its layer and one archive.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { cacheRoot, goCommand } from "../cluster/build.js";
import {
  IMAGES,
  type ImageDefinition,
  type RootfsDefinition,
  SOURCE_DATE_EPOCH,
  SUITE,
} from "./definitions.js";

const here = dirname(fileURLToPath(import.meta.url));
const execFileAsync = promisify(execFile);
/** Bump when the way images are assembled changes, so cached archives are rebuilt. */
const BUILDER_VERSION = 1;

type Log = (line: string) => void;

export function imagesCache(): string {
  return join(cacheRoot(), "images");
}

async function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  try {
    return (
      await execFileAsync(cmd, args, { ...options, timeout: 30 * 60_000, maxBuffer: 256 * 1024 * 1024 })
    ).stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(
      `${cmd} ${args.join(" ")} failed: ${e.stderr?.trim().split("\n").slice(-20).join("\n") || e.message}`,
    );
  }
}

/** The Debian mirror apt uses here (the first non-security `URIs:` or `deb` line), unless overridden. */
export function debianMirror(): string {
  if (process.env.STREAMSPACE_DEBIAN_MIRROR) return process.env.STREAMSPACE_DEBIAN_MIRROR;
  const sources = ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]
    .filter(existsSync)
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  for (const line of sources.split("\n")) {
    const uri = /^\s*(?:URIs:\s*|deb\s+(?:\[[^\]]*\]\s+)?)(\S+)/.exec(line)?.[1];
    if (uri && /\/debian\/?$/.test(uri)) return uri;
  }
  return "http://deb.debian.org/debian";
}

interface Group {
  key: string;
  rootfs: RootfsDefinition | "pause";
  images: ImageDefinition[];
}

function groups(): Group[] {
  const byKey = new Map<string, Group>();
  for (const image of IMAGES) {
    const key = image.rootfs === "pause" ? "pause" : image.rootfs.id;
    const group = byKey.get(key) ?? { key, rootfs: image.rootfs, images: [] };
    group.images.push(image);
    byKey.set(key, group);
  }
  return [...byKey.values()];
}

/** What a group's archive is made of: a change to any of it makes a new archive. */
function contentKey(group: Group): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ BUILDER_VERSION, SUITE, SOURCE_DATE_EPOCH, group }));
  if (group.rootfs === "pause") hash.update(readFileSync(join(here, "pause", "main.go")));
  else {
    hash.update(debianMirror());
    for (const s of group.rootfs.scripts) hash.update(readFileSync(join(here, "files", s)));
  }
  return hash.digest("hex").slice(0, 16);
}

export function archivePath(group: Group): string {
  return join(imagesCache(), `${group.key}-${contentKey(group)}.tar`);
}

async function buildPauseRootfs(rootfs: string): Promise<void> {
  mkdirSync(rootfs, { recursive: true });
  await run(
    goCommand(),
    ["build", "-trimpath", "-ldflags=-s -w -buildid=", "-o", join(rootfs, "pause"), "."],
    {
      cwd: join(here, "pause"),
      env: { ...process.env, CGO_ENABLED: "0" },
    },
  );
}

async function buildDebianRootfs(def: RootfsDefinition, rootfs: string, log: Log): Promise<void> {
  const debs = join(imagesCache(), "debs");
  mkdirSync(debs, { recursive: true });
  log(`images: debootstrap ${SUITE} with ${def.packages.join(", ")} (a few minutes the first time)`);
  await run("debootstrap", [
    "--variant=minbase",
    `--include=${[...def.packages].sort().join(",")}`,
    `--cache-dir=${debs}`,
    SUITE,
    rootfs,
    debianMirror(),
  ]);
  // What differs from one run to the next and no program needs: logs, caches, apt lists, sockets.
  for (const dir of ["var/log", "var/cache/apt", "var/lib/apt/lists", "tmp", "run", "dev", "proc", "sys"]) {
    const full = join(rootfs, dir);
    for (const entry of existsSync(full) ? readdirSync(full) : [])
      rmSync(join(full, entry), { recursive: true, force: true });
  }
  for (const file of [
    "var/cache/ldconfig/aux-cache",
    "var/lib/dpkg/status-old",
    "var/lib/dpkg/available-old",
  ])
    rmSync(join(rootfs, file), { force: true });
  writeFileSync(join(rootfs, "etc/machine-id"), "");
  chmodSync(join(rootfs, "tmp"), 0o1777);
  // X servers that do not run as root cannot create their socket directory.
  mkdirSync(join(rootfs, "tmp/.X11-unix"), { mode: 0o1777 });
  chmodSync(join(rootfs, "tmp/.X11-unix"), 0o1777);
  for (const script of def.scripts) {
    const target = join(rootfs, "usr/local/bin", script);
    copyFileSync(join(here, "files", script), target);
    chmodSync(target, 0o755);
  }
}

/** GNU tar's reproducible mode: sorted names, one time for every file, numeric owners, no atime/ctime. */
function reproducibleTar(cwd: string, out: string, entries: string[]): Promise<string> {
  return run(
    "tar",
    [
      "--sort=name",
      `--mtime=@${SOURCE_DATE_EPOCH}`,
      "--numeric-owner",
      "--format=posix",
      "--pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime",
      "-C",
      cwd,
      "-cf",
      out,
      ...entries.sort(),
    ],
    { env: { ...process.env, LC_ALL: "C" } },
  );
}

async function buildGroup(group: Group, archive: string, log: Log): Promise<void> {
  mkdirSync(imagesCache(), { recursive: true });
  const work = mkdtempSync(join(imagesCache(), `.build-${group.key}-`));
  try {
    const rootfs = join(work, "rootfs");
    if (group.rootfs === "pause") await buildPauseRootfs(rootfs);
    else await buildDebianRootfs(group.rootfs, rootfs, log);
    const layer = join(work, "layer.tar");
    await reproducibleTar(rootfs, layer, readdirSync(rootfs));
    rmSync(rootfs, { recursive: true, force: true });

    const layout = join(work, "oci");
    await run("umoci", ["init", "--layout", layout]);
    const created = new Date(SOURCE_DATE_EPOCH * 1000).toISOString();
    const tags = new Map<string, string>();
    // The layer is compressed once, into a base image that each image's config is written on top of.
    const base = `${layout}:base`;
    await run("umoci", ["new", "--image", base]);
    await run("umoci", ["raw", "add-layer", "--no-history", "--image", base, layer]);
    for (const [i, image] of group.images.entries()) {
      tags.set(`image${i}`, image.name);
      const config = [
        ...image.entrypoint.flatMap((e) => ["--config.entrypoint", e]),
        ...(image.cmd ?? []).flatMap((c) => ["--config.cmd", c]),
        ...(image.env ?? []).flatMap((e) => ["--config.env", e]),
        ...(image.ports ?? []).flatMap((p) => ["--config.exposedports", `${p}/tcp`]),
      ];
      await run("umoci", [
        "config",
        "--no-history",
        "--image",
        base,
        `--tag=image${i}`,
        `--created=${created}`,
        ...config,
      ]);
    }
    await run("umoci", ["rm", "--image", base]);
    await run("umoci", ["gc", "--layout", layout]);
    // containerd names an imported image after io.containerd.image.name; OCI's ref.name is a tag only.
    const indexFile = join(layout, "index.json");
    const index = JSON.parse(readFileSync(indexFile, "utf8")) as {
      manifests: { annotations?: Record<string, string> }[];
    };
    for (const m of index.manifests) {
      const name = tags.get(m.annotations?.["org.opencontainers.image.ref.name"] ?? "");
      if (!name) throw new Error(`unexpected manifest in ${indexFile}`);
      m.annotations = { "io.containerd.image.name": name, "org.opencontainers.image.ref.name": name };
    }
    index.manifests.sort((a, b) =>
      (a.annotations?.["io.containerd.image.name"] ?? "").localeCompare(
        b.annotations?.["io.containerd.image.name"] ?? "",
      ),
    );
    writeFileSync(indexFile, JSON.stringify(index));
    await reproducibleTar(layout, `${archive}.tmp`, readdirSync(layout));
    renameSync(`${archive}.tmp`, archive);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One build at a time per machine (a test run and `npm run images` may both ask): the lock file
 *  holds the builder's pid, and a lock whose process is gone is taken over. */
async function withBuildLock<T>(log: Log, fn: () => Promise<T>): Promise<T> {
  const lock = join(imagesCache(), ".lock");
  mkdirSync(imagesCache(), { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch {
      const holder = Number(readFileSync(lock, "utf8"));
      const alive = Number.isInteger(holder) && holder > 0 && existsSync(`/proc/${holder}`);
      if (!alive) rmSync(lock, { force: true });
      else if (waited === 0) log(`images: waiting for the build in process ${holder}`);
      else if (waited > 3600) throw new Error(`images: process ${holder} has been building for an hour`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Builds whatever is not cached yet and returns every archive, pause image first. */
export async function ensureImages(log: Log = (l) => console.error(l)): Promise<string[]> {
  const missing = groups().filter((group) => !existsSync(archivePath(group)));
  if (missing.length === 0) return groups().map(archivePath);
  if (process.getuid?.() !== 0)
    throw new Error("building session images needs root (debootstrap); run as root or use a cached build");
  return withBuildLock(log, () => buildMissing(log));
}

async function buildMissing(log: Log): Promise<string[]> {
  const archives: string[] = [];
  for (const group of groups()) {
    const archive = archivePath(group);
    if (!existsSync(archive)) {
      const started = Date.now();
      await buildGroup(group, archive, log);
      log(`images: built ${archive} in ${((Date.now() - started) / 1000).toFixed(0)}s`);
      // Older builds of the same group are never used again.
      for (const old of readdirSync(imagesCache()))
        if (old.startsWith(`${group.key}-`) && old.endsWith(".tar") && join(imagesCache(), old) !== archive)
          rmSync(join(imagesCache(), old), { force: true });
    }
    archives.push(archive);
  }
  return archives;
}

/** Loads the archives into a containerd (its CRI namespace, unpacked for the overlayfs snapshotter). */
export async function importImages(socket: string, archives: string[]): Promise<void> {
  // In parallel: unpacking is mostly gunzip, one core per archive.
  const ctr = (archive: string) =>
    run("ctr", [
      "--address",
      socket,
      "--namespace",
      "k8s.io",
      "images",
      "import",
      "--snapshotter=overlayfs",
      archive,
    ]);
  await Promise.all(archives.map(ctr));
}
