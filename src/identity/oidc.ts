import * as client from "openid-client";
import type { Queryable } from "../db/database.js";
import { newSecret, sha256 } from "./secrets.js";
import { checkUserName, createUser, syncOidcGroups, type User, updateUser, userByName } from "./users.js";

export interface OidcOptions {
  readonly issuer: string;
  /** The provider's name on the sign-in button ("Sign in with <name>"). @default the issuer's host */
  readonly displayName?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Where the provider sends the browser back: `<platform origin>/api/v1/auth/oidc/callback`. */
  readonly redirectUri: string;
  /** Claim holding the user name. @default "preferred_username" */
  readonly usernameClaim?: string;
  /** Claim holding the user's groups (a list of strings). @default "groups" */
  readonly groupsClaim?: string;
  /** Members of this group are admins; without it OIDC users are never made admin. */
  readonly adminGroup?: string;
  /** @default "openid profile email groups" */
  readonly scopes?: string;
  /** Allow an http:// issuer (tests and local runs only). @default false */
  readonly allowHttp?: boolean;
}

/** How long a started login may take at the provider. */
const FLOW_TTL_MINUTES = 10;

export class OidcError extends Error {}

/**
 * OIDC login, authorization code flow with PKCE: `start` sends the browser to the provider with a fresh
 * state, nonce and code challenge (remembered in the database, keyed by a cookie); `finish` checks all
 * three on the way back, then provisions the user and their groups from the ID token's claims.
 */
export class OidcLogin {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly db: Queryable,
    readonly options: OidcOptions,
  ) {}

  private config(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(new URL(this.options.issuer), this.options.clientId, this.options.clientSecret, undefined, {
        ...(this.options.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
        timeout: 10,
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** The provider URL to redirect to, and the flow id for the cookie. */
  async start(returnTo: string): Promise<{ url: string; flowId: string }> {
    const config = await this.config();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const flowId = newSecret();
    await this.db.query(
      `DELETE FROM oidc_flows WHERE created_at < now() - interval '${FLOW_TTL_MINUTES} minutes'`,
    );
    await this.db.query(
      "INSERT INTO oidc_flows (id, state, nonce, verifier, return_to) VALUES ($1, $2, $3, $4, $5)",
      [sha256(flowId), state, nonce, verifier, returnTo],
    );
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: this.options.scopes ?? "openid profile email groups",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
    return { url: url.href, flowId };
  }

  /** Completes the flow the cookie names with the provider's callback URL; returns the logged-in user. */
  async finish(flowId: string | undefined, callbackUrl: URL): Promise<{ user: User; returnTo: string }> {
    if (!flowId) throw new OidcError("no login in progress in this browser (the flow cookie is missing)");
    const rows = await this.db.query<{ state: string; nonce: string; verifier: string; return_to: string }>(
      `DELETE FROM oidc_flows WHERE id = $1 AND created_at > now() - interval '${FLOW_TTL_MINUTES} minutes'
       RETURNING state, nonce, verifier, return_to`,
      [sha256(flowId)],
    );
    const flow = rows[0];
    if (!flow) throw new OidcError("the login expired or was already used; start again");
    const config = await this.config();
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new OidcError(`the provider's answer was refused: ${(error as Error).message}`);
    }
    if (!claims) throw new OidcError("the provider sent no ID token");
    return { user: await this.provision(claims), returnTo: flow.return_to };
  }

  private async provision(claims: client.IDToken): Promise<User> {
    const name = String(
      claims[this.options.usernameClaim ?? "preferred_username"] ?? claims.sub,
    ).toLowerCase();
    const problem = checkUserName(name);
    if (problem) throw new OidcError(`the user name ${JSON.stringify(name)} from the provider ${problem}`);
    const rawGroups = claims[this.options.groupsClaim ?? "groups"];
    const groups = Array.isArray(rawGroups)
      ? rawGroups.filter((g): g is string => typeof g === "string")
      : [];
    const subject = `${this.options.issuer}#${claims.sub}`;
    let user = await userByName(this.db, name);
    if (user) {
      const linked = await this.db.query("SELECT 1 FROM users WHERE id = $1 AND oidc_subject = $2", [
        user.id,
        subject,
      ]);
      // A local account of the same name is not taken over by whoever the provider calls by that name.
      if (linked.length === 0) throw new OidcError(`a different account is already called ${name}`);
    } else {
      user = await createUser(this.db, {
        name,
        oidcSubject: subject,
        ...(typeof claims.name === "string" ? { displayName: claims.name } : {}),
        ...(typeof claims.email === "string" ? { email: claims.email } : {}),
      });
    }
    if (user.disabled) throw new OidcError("this account is disabled");
    await syncOidcGroups(this.db, user.id, groups);
    if (this.options.adminGroup !== undefined)
      await updateUser(this.db, name, { admin: groups.includes(this.options.adminGroup) });
    return (await userByName(this.db, name)) as User;
  }
}
