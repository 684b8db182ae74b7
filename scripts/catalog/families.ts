/**
 * Image families: what every image from one publisher has in common (port, streaming protocol, user,
 * where the home lives, environment, icon URL pattern), so that an entry in apps.ts says only what is
 * particular to its app.
 *
 * Facts about each family come from its publisher's documentation:
 * - LinuxServer.io GUI images (KasmVNC, now Selkies): HTTP on 3000 (HTTPS on 3001), start as root under
 *   s6-overlay and drop to PUID/PGID; the user's home is /config.
 * - Kasm Workspaces images (kasmweb/*): KasmVNC over TLS on 6901, run as uid 1000 (kasm-user) with the
 *   home at /home/kasm-user; pinned to the 1.16.0 release tag, as Kasm publishes no moving tag.
 * - jlesage images (docker-baseimage-gui): noVNC over HTTP on 5800, start as root and drop to
 *   USER_ID/GROUP_ID; state under /config.
 * - Web apps serve HTTP themselves; each states its own port, home and user.
 */
import type { Capability, CategorySlug, ResourceProfileName } from "./categories.js";

export type AppType = "desktop" | "webapp" | "hybrid";

export interface PortSpec {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: "TCP" | "UDP";
}

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

export interface VncSpec {
  readonly port: number;
  readonly protocol: "rfb" | "websocket";
  /** The port speaks TLS (Kasm images only serve HTTPS). */
  readonly encryption: boolean;
}

export interface WebappSpec {
  readonly port: number;
  readonly protocol: "http" | "https";
  readonly path: string;
  readonly healthCheck: string;
}

export interface SecuritySpec {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly addCapabilities?: readonly string[];
}

/** One curated app, fully resolved: what generate.ts turns into a Template. */
export interface AppEntry {
  /** metadata.name and file name; a DNS-1123 label. */
  readonly name: string;
  readonly displayName: string;
  /** One sentence. */
  readonly description: string;
  readonly category: CategorySlug;
  readonly icon: string;
  readonly image: string;
  readonly appType: AppType;
  readonly ports: readonly PortSpec[];
  readonly env: readonly EnvVar[];
  readonly vnc?: VncSpec;
  readonly webapp?: WebappSpec;
  /** Family capabilities plus the entry's own; the category's are added when the Template is built. */
  readonly capabilities: readonly Capability[];
  readonly tags: readonly string[];
  /** Overrides the category's resource profile. */
  readonly resources?: ResourceProfileName;
  readonly multiUser?: boolean;
  /** Omitted for images that already run as a numeric non-root user. */
  readonly securityContext?: SecuritySpec;
  /** Where the user's persistent home volume is mounted; omitted for stateless apps. */
  readonly home?: string;
}

/** What every entry states, whatever its family. */
export interface AppInfo {
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly category: CategorySlug;
  readonly tags: readonly string[];
  readonly resources?: ResourceProfileName;
  /** Added to the family's capabilities. */
  readonly capabilities?: readonly Capability[];
  /** Replaces the family's icon URL pattern, for apps whose logo is published elsewhere. */
  readonly icon?: string;
  readonly multiUser?: boolean;
}

const TZ: EnvVar = { name: "TZ", value: "Etc/UTC" };

/** The streamed-desktop families all carry sound and a shared clipboard through their web client. */
const DESKTOP_CAPABILITIES: readonly Capability[] = ["Network", "Audio", "Clipboard"];
/** A web app runs in the user's own browser tab, which handles clipboard and sound itself. */
const WEBAPP_CAPABILITIES: readonly Capability[] = ["Network"];

/**
 * s6-overlay style images start as root to chown the home and then drop to the unprivileged user,
 * which takes exactly these capabilities; nothing else runs as root afterwards.
 */
const S6_ROOT_CAPABILITIES = ["CHOWN", "SETUID", "SETGID", "DAC_OVERRIDE", "FOWNER"] as const;

function s6Root(lowPort: boolean): SecuritySpec {
  return {
    runAsNonRoot: false,
    runAsUser: 0,
    // Ports below 1024 (nginx on 80 inside some LinuxServer web apps) need the bind capability too.
    addCapabilities: lowPort ? [...S6_ROOT_CAPABILITIES, "NET_BIND_SERVICE"] : [...S6_ROOT_CAPABILITIES],
  };
}

/** An nginx or Apache image whose master process runs as root, binds port 80 and forks workers. */
export function rootServer(): SecuritySpec {
  return {
    runAsNonRoot: false,
    runAsUser: 0,
    addCapabilities: ["CHOWN", "SETUID", "SETGID", "NET_BIND_SERVICE"],
  };
}

/**
 * The image declares a user by name, which the kubelet cannot check against runAsNonRoot, so the uid
 * it maps to is stated; fsGroup makes the home volume writable for it.
 */
export function namedUser(uid: number): SecuritySpec {
  return { runAsNonRoot: true, runAsUser: uid, runAsGroup: uid, fsGroup: uid };
}

/**
 * Run as whatever user the image declares, root included: for images whose entrypoint manages its own
 * user and does not document one to pin.
 */
export function imageUser(lowPort = false): SecuritySpec {
  return lowPort ? { runAsNonRoot: false, addCapabilities: ["NET_BIND_SERVICE"] } : { runAsNonRoot: false };
}

function withExtra(base: readonly Capability[], extra: readonly Capability[] | undefined): Capability[] {
  return [...base, ...(extra ?? []).filter((c) => !base.includes(c))];
}

function common(info: AppInfo) {
  return {
    name: info.name,
    displayName: info.displayName,
    description: info.description,
    category: info.category,
    tags: info.tags,
    ...(info.resources === undefined ? {} : { resources: info.resources }),
    ...(info.multiUser === undefined ? {} : { multiUser: info.multiUser }),
  };
}

const LSIO_ICON = (repo: string) =>
  `https://raw.githubusercontent.com/linuxserver/docker-templates/master/linuxserver.io/img/${repo}-logo.png`;

export interface LinuxServerOptions {
  /** The image's repository name under lscr.io/linuxserver/, when it differs from the template name. */
  readonly repo?: string;
  readonly tag?: string;
  readonly env?: readonly EnvVar[];
}

/** A LinuxServer.io GUI image streamed from its built-in web client on port 3000. */
export function linuxserver(info: AppInfo, opts: LinuxServerOptions = {}): AppEntry {
  const repo = opts.repo ?? info.name;
  return {
    ...common(info),
    icon: info.icon ?? LSIO_ICON(repo),
    image: `lscr.io/linuxserver/${repo}:${opts.tag ?? "latest"}`,
    appType: "desktop",
    ports: [{ name: "http", containerPort: 3000, protocol: "TCP" }],
    env: [{ name: "PUID", value: "1000" }, { name: "PGID", value: "1000" }, TZ, ...(opts.env ?? [])],
    vnc: { port: 3000, protocol: "websocket", encryption: false },
    capabilities: withExtra(DESKTOP_CAPABILITIES, info.capabilities),
    securityContext: s6Root(false),
    home: "/config",
  };
}

export interface LinuxServerWebOptions {
  readonly port: number;
  readonly repo?: string;
  readonly healthCheck?: string;
}

/** A LinuxServer.io image whose app serves its own web UI (torrent clients, readers, wikis). */
export function linuxserverWeb(info: AppInfo, opts: LinuxServerWebOptions): AppEntry {
  const repo = opts.repo ?? info.name;
  return {
    ...common(info),
    icon: info.icon ?? LSIO_ICON(repo),
    image: `lscr.io/linuxserver/${repo}:latest`,
    appType: "webapp",
    ports: [{ name: "http", containerPort: opts.port, protocol: "TCP" }],
    env: [{ name: "PUID", value: "1000" }, { name: "PGID", value: "1000" }, TZ],
    webapp: { port: opts.port, protocol: "http", path: "/", healthCheck: opts.healthCheck ?? "/" },
    capabilities: withExtra(WEBAPP_CAPABILITIES, info.capabilities),
    securityContext: s6Root(opts.port < 1024),
    home: "/config",
  };
}

/** Kasm publishes versioned tags only; one release for the whole catalog keeps images consistent. */
export const KASM_TAG = "1.16.0";

/** A Kasm Workspaces image, streamed by KasmVNC over TLS on 6901. */
export function kasm(info: AppInfo, opts: { readonly repo?: string } = {}): AppEntry {
  const repo = opts.repo ?? info.name;
  return {
    ...common(info),
    icon: info.icon ?? `https://registry.kasmweb.com/1.1/icons/${repo}.png`,
    image: `kasmweb/${repo}:${KASM_TAG}`,
    appType: "desktop",
    ports: [{ name: "https", containerPort: 6901, protocol: "TCP" }],
    env: [],
    vnc: { port: 6901, protocol: "websocket", encryption: true },
    capabilities: withExtra(DESKTOP_CAPABILITIES, info.capabilities),
    // Runs as uid 1000 already: nothing beyond the strict default.
    home: "/home/kasm-user",
  };
}

/** A jlesage image: the app in a minimal X session, served by noVNC on 5800. */
export function jlesage(info: AppInfo, opts: { readonly repo?: string } = {}): AppEntry {
  const repo = opts.repo ?? info.name;
  return {
    ...common(info),
    icon:
      info.icon ??
      `https://raw.githubusercontent.com/jlesage/docker-templates/master/jlesage/images/${repo}-icon.png`,
    image: `jlesage/${repo}:latest`,
    appType: "desktop",
    ports: [{ name: "http", containerPort: 5800, protocol: "TCP" }],
    env: [{ name: "USER_ID", value: "1000" }, { name: "GROUP_ID", value: "1000" }, TZ],
    vnc: { port: 5800, protocol: "websocket", encryption: false },
    capabilities: withExtra(DESKTOP_CAPABILITIES, info.capabilities),
    securityContext: s6Root(false),
    home: "/config",
  };
}

export interface WebappOptions {
  readonly image: string;
  readonly port: number;
  readonly healthCheck?: string;
  readonly home?: string;
  readonly env?: readonly EnvVar[];
  /** Omit for images that run as a numeric non-root user. */
  readonly securityContext?: SecuritySpec;
  /** Slug in the dashboard-icons collection, when it differs from the template name. */
  readonly iconSlug?: string;
}

/** A web app from its own project's image: the browser talks to it directly. */
export function webapp(info: AppInfo, opts: WebappOptions): AppEntry {
  return {
    ...common(info),
    icon:
      info.icon ??
      `https://cdn.jsdelivr.net/gh/homarr-labs/dashboard-icons/png/${opts.iconSlug ?? info.name}.png`,
    image: opts.image,
    appType: "webapp",
    ports: [{ name: "http", containerPort: opts.port, protocol: "TCP" }],
    env: [...(opts.env ?? [])],
    webapp: { port: opts.port, protocol: "http", path: "/", healthCheck: opts.healthCheck ?? "/" },
    capabilities: withExtra(WEBAPP_CAPABILITIES, info.capabilities),
    ...(opts.securityContext === undefined ? {} : { securityContext: opts.securityContext }),
    ...(opts.home === undefined ? {} : { home: opts.home }),
  };
}
