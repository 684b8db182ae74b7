import type { ResolvedPlatformConfig } from "../../src/config/platform-config.js";

/** The parts of the platform config a session bundle reads. */
export type SessionDefaults = ResolvedPlatformConfig["sessions"];
export type IngressSettings = ResolvedPlatformConfig["ingress"];

export interface BundleSettings {
  readonly sessions: SessionDefaults;
  readonly ingress: IngressSettings;
}
