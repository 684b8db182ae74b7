// The session images the local cluster's real node runs, built from Debian packages because no
// registry is reachable (see docs/decisions/0071-session-images-from-debian-packages.md). Tests and
// benchmarks import the names from here.

/** Debian release the root filesystems come from; the mirror is the one apt uses on this machine. */
export const SUITE = "bookworm";
/** Every file's time and the images' creation time: 2025-01-01T00:00:00Z. */
export const SOURCE_DATE_EPOCH = 1_735_689_600;

export interface RootfsDefinition {
  /** Names the cached archive. */
  readonly id: string;
  /** Installed with debootstrap's minbase variant. */
  readonly packages: readonly string[];
  /** Files of scripts/images/files/ copied to /usr/local/bin/. */
  readonly scripts: readonly string[];
}

export interface ImageDefinition {
  /** Full image reference; the tag is never `latest`, so pods use the local image (IfNotPresent). */
  readonly name: string;
  readonly rootfs: RootfsDefinition | "pause";
  readonly entrypoint: readonly string[];
  readonly cmd?: readonly string[];
  readonly env?: readonly string[];
  readonly ports?: readonly number[];
}

const desktop: RootfsDefinition = {
  id: "desktop",
  // TigerVNC's scraping server, not x11vnc: x11vnc answers a new client only after the 200 ms it
  // sleeps while none is connected, and 1–2 s once idle for a minute (decision 0184).
  packages: ["tigervnc-scraping-server", "twm", "x11-xserver-utils", "xvfb"],
  scripts: ["desktop-session"],
};

const browser: RootfsDefinition = {
  id: "browser",
  // debootstrap installs no virtual packages: dconf-service needs a dbus-session-bus, which dbus-x11
  // provides (dbus-user-session, the other provider, needs systemd).
  packages: [...desktop.packages, "dbus-x11", "firefox-esr"],
  scripts: desktop.scripts,
};

const session = {
  entrypoint: ["/usr/local/bin/desktop-session"],
  ports: [5900],
  env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/home/desktop"],
} as const;

/** The colour the desktop test image fills its screen with (RGB). */
export const DESKTOP_COLOUR = { red: 0x1e, green: 0x5a, blue: 0xa0 } as const;
/** The colour of the `green` variant, which only differs in its configuration. */
export const DESKTOP_GREEN_COLOUR = { red: 0x20, green: 0xa0, blue: 0x40 } as const;
const hex = (c: { red: number; green: number; blue: number }) =>
  `#${[c.red, c.green, c.blue].map((v) => v.toString(16).padStart(2, "0")).join("")}`;

export const PAUSE_IMAGE = "streamspace.local/pause:1";
export const DESKTOP_TEST_IMAGE = "streamspace.local/desktop-test:blue";
export const DESKTOP_TEST_GREEN_IMAGE = "streamspace.local/desktop-test:green";
/** The desktop test image whose entrypoint does not exist: its container can never start. */
export const BROKEN_ENTRYPOINT_IMAGE = "streamspace.local/desktop-test:broken-entrypoint";
export const FIREFOX_IMAGE = "streamspace.local/firefox-esr:1";
/** The port every session image serves VNC (RFB) on. */
export const VNC_PORT = 5900;

export const IMAGES: readonly ImageDefinition[] = [
  { name: PAUSE_IMAGE, rootfs: "pause", entrypoint: ["/pause"] },
  {
    name: DESKTOP_TEST_IMAGE,
    rootfs: desktop,
    ...session,
    env: [...session.env, `DESKTOP_COLOUR=${hex(DESKTOP_COLOUR)}`],
  },
  {
    name: DESKTOP_TEST_GREEN_IMAGE,
    rootfs: desktop,
    ...session,
    env: [...session.env, `DESKTOP_COLOUR=${hex(DESKTOP_GREEN_COLOUR)}`],
  },
  {
    name: BROKEN_ENTRYPOINT_IMAGE,
    rootfs: desktop,
    ...session,
    entrypoint: ["/usr/local/bin/no-such-entrypoint"],
  },
  { name: FIREFOX_IMAGE, rootfs: browser, ...session, cmd: ["firefox-esr", "--kiosk", "about:blank"] },
];
