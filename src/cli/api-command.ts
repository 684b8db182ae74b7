import { loadPlatformConfig, type ResolvedPlatformConfig } from "../config/platform-config.js";

import type { Database } from "../db/database.js";
import type { OidcOptions } from "../identity/oidc.js";
import { hashPassword } from "../identity/passwords.js";
import { createUser, listUsers } from "../identity/users.js";
import { startApi } from "../server/start.js";
import { createLogger, type Logger } from "../telemetry/log.js";
import { DATABASE_USAGE, databaseOptions, databaseTarget } from "./database-args.js";
import { CommandError, cliKubeConfig } from "./run-main.js";
import { onSignals } from "./signals.js";
import type { Command } from "./streamspace.js";

/** OIDC from the config, with the client secret from the environment (the Deployment maps the Secret). */
function oidcOptions(config: ResolvedPlatformConfig, origin: string): OidcOptions | undefined {
  const o = config.api.oidc;
  if (!o.issuer) return undefined;
  const clientSecret = process.env.STREAMSPACE_OIDC_CLIENT_SECRET;
  if (!o.clientId || !clientSecret)
    throw new CommandError(
      "api.oidc.issuer is set: set api.oidc.clientId and STREAMSPACE_OIDC_CLIENT_SECRET too",
    );
  return {
    issuer: o.issuer,
    clientId: o.clientId,
    clientSecret,
    redirectUri: `${origin}/api/v1/auth/oidc/callback`,
    usernameClaim: o.usernameClaim,
    groupsClaim: o.groupsClaim,
    ...(o.adminGroup ? { adminGroup: o.adminGroup } : {}),
    allowHttp: o.issuer.startsWith("http://"),
  };
}

/** The first admin, from STREAMSPACE_ADMIN_USERNAME/PASSWORD (a Secret), when the database has no user. */
async function bootstrapAdmin(db: Database, log: Logger): Promise<void> {
  const name = process.env.STREAMSPACE_ADMIN_USERNAME;
  const password = process.env.STREAMSPACE_ADMIN_PASSWORD;
  if (!name || !password || (await listUsers(db)).length > 0) return;
  await createUser(db, { name, passwordHash: await hashPassword(password), admin: true });
  log.info("created the first admin", { user: name });
}

export const apiCommand: Command = {
  usage: `usage: streamspace api [--config FILE] [--port N] [--host ADDR] [--data-dir DIR | --database-url URL]

Serves the StreamSpace API (/api/v1, /api/openapi.json, /healthz, /readyz, /metrics). Reads Sessions and
Templates through KUBECONFIG, or in-cluster credentials.
  --config FILE         platform config (YAML or JSON); default: all defaults
  --port N              port to listen on (default 8081)
  --host ADDR           address to listen on (default 0.0.0.0)
${DATABASE_USAGE}
Environment: STREAMSPACE_OIDC_CLIENT_SECRET, STREAMSPACE_ADMIN_USERNAME and STREAMSPACE_ADMIN_PASSWORD
(the first admin, created when there is no user yet).`,
  options: {
    config: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    ...databaseOptions,
  },
  async run(values) {
    const config = loadPlatformConfig(values.config as string | undefined);
    const port = values.port === undefined ? config.api.port : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CommandError(`--port ${values.port} is not a port number`);
    const log = createLogger();
    const origin = config.api.publicUrl || `http://localhost:${port}`;
    const api = await startApi({
      config,
      kubeConfig: cliKubeConfig(),
      database: databaseTarget(values),
      log,
      port,
      host: (values.host as string | undefined) ?? "0.0.0.0",
      web: {
        ...(config.api.publicUrl ? { publicOrigin: config.api.publicUrl } : {}),
        ...(config.api.cookieDomain ? { cookieDomain: config.api.cookieDomain } : {}),
      },
      trustedProxies: config.api.trustedProxies
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean),
      ...(oidcOptions(config, origin) ? { oidc: oidcOptions(config, origin) as OidcOptions } : {}),
    });
    await bootstrapAdmin(api.context.db, log);
    onSignals(log, () => api.stop());
  },
};
