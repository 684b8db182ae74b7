// Route schemas carry OpenAPI's tags and summary (@fastify/swagger declares them).
import type {} from "@fastify/swagger";
import type { ResolvedPlatformConfig } from "../config/platform-config.js";
import type { Database } from "../db/database.js";
import type { LoginThrottle } from "../identity/login-throttle.js";
import type { OidcLogin } from "../identity/oidc.js";
import type { Logger } from "../telemetry/log.js";
import type { ClusterView } from "./cluster.js";
import type { ApiMetrics } from "./plugins/metrics.js";

export interface WebOptions {
  /**
   * The platform's own origin, e.g. `https://streamspace.example.com`: cookie-authenticated writes must
   * carry it as Origin. Default: the origin the request was addressed to (Host, and X-Forwarded-* from
   * trusted proxies).
   */
  readonly publicOrigin?: string;
  /** Domain attribute of the login cookie. @default host-only */
  readonly cookieDomain?: string;
}

/** What every route plugin is given. */
export interface ApiContext {
  readonly db: Database;
  readonly cluster: ClusterView;
  readonly config: ResolvedPlatformConfig;
  readonly log: Logger;
  readonly metrics: ApiMetrics;
  readonly throttle: LoginThrottle;
  readonly web: WebOptions;
  readonly oidc?: OidcLogin;
  readonly version: string;
}
