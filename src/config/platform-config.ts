import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { PlatformConfig } from "../api/generated/types.js";
import { toFieldErrors } from "../api/validation/field-errors.js";
import { compileSchema, ValidationError } from "../api/validation/validate.js";

export type { PlatformConfig } from "../api/generated/types.js";

/** A config with every default filled in: what the constructs actually read. */
export type ResolvedPlatformConfig = DeepRequired<PlatformConfig>;
type DeepRequired<T> = {
  readonly [K in keyof T]-?: NonNullable<T[K]> extends object
    ? DeepRequired<NonNullable<T[K]>>
    : NonNullable<T[K]>;
};

const here = dirname(fileURLToPath(import.meta.url));
export const PLATFORM_CONFIG_SCHEMA_PATH = join(here, "platform-config.schema.json");
export const platformConfigSchema = JSON.parse(readFileSync(PLATFORM_CONFIG_SCHEMA_PATH, "utf8")) as Record<
  string,
  unknown
>;

const validateConfig = compileSchema(platformConfigSchema);

/** Validates a config and fills its defaults; throws a ValidationError naming each bad field. */
export function resolvePlatformConfig(input: unknown, source = "platform config"): ResolvedPlatformConfig {
  const copy = structuredClone(input ?? {});
  if (!validateConfig(copy)) throw new ValidationError(source, toFieldErrors(validateConfig.errors));
  return copy as ResolvedPlatformConfig;
}

/** Reads a YAML config file; a missing file means all defaults. */
export function loadPlatformConfig(path: string | undefined): ResolvedPlatformConfig {
  if (path === undefined || !existsSync(path)) {
    if (path !== undefined && path !== DEFAULT_CONFIG_FILE)
      throw new Error(`config file ${path} does not exist`);
    return resolvePlatformConfig({});
  }
  return resolvePlatformConfig(parse(readFileSync(path, "utf8")) ?? {}, path);
}

export const DEFAULT_CONFIG_FILE = "streamspace.config.yaml";

/**
 * The origin browsers reach the platform at, when the config says it: `api.publicUrl`, else
 * `https://<api.host>` when the platform Ingress serves TLS. Undefined: the origin each request was
 * addressed to (a local run).
 */
export function platformOrigin(config: ResolvedPlatformConfig): string | undefined {
  if (config.api.publicUrl) return new URL(config.api.publicUrl).origin;
  return config.api.host && config.api.scheme === "https" ? `https://${config.api.host}` : undefined;
}
