// A real OpenID provider (node-oidc-provider) on a loopback port, with its development login and consent
// forms, and a browser-like walk through them: cookies kept per host, redirects followed by hand.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestProvider {
  readonly issuer: string;
  stop(): Promise<void>;
}

/** Accounts are whatever login name the form gets; their groups come from `groupsOf`. */
export async function startOidcProvider(client: {
  id: string;
  secret: string;
  redirectUri: string;
  groupsOf: (login: string) => string[];
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [client.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    scopes: ["openid", "profile", "email", "groups"],
    claims: {
      openid: ["sub"],
      profile: ["preferred_username", "name"],
      email: ["email"],
      groups: ["groups"],
    },
    // The groups claim in the ID token itself, where the API reads it.
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({
        sub: `sub-${id}`,
        preferred_username: id,
        name: `User ${id}`,
        groups: client.groupsOf(id),
      }),
    }),
  });
  server.on("request", provider.callback());
  return {
    issuer,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A browser: cookies per host, redirects followed, the provider's login and consent forms submitted. */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookiesFor(url: string): Map<string, string> {
    const host = new URL(url).host;
    let jar = this.jars.get(host);
    if (!jar) {
      jar = new Map();
      this.jars.set(host, jar);
    }
    return jar;
  }

  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const jar = this.cookiesFor(url);
    const res = await fetch(url, {
      method: init.method ?? "GET",
      redirect: "manual",
      signal: AbortSignal.timeout(15_000),
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(init.form
          ? { "content-type": "application/x-www-form-urlencoded", origin: new URL(url).origin }
          : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      if (attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()))) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
    return res;
  }

  /**
   * Follows redirects from `url`, logging in as `login` and consenting when the provider asks, until an
   * answer that is neither a redirect nor a form (returned), or a URL `stopAt` accepts (not fetched).
   * Returns the URLs visited, that last one included.
   */
  async walk(
    url: string,
    login: string,
    stopAt?: (url: string) => boolean,
  ): Promise<{ res?: Response; visited: string[] }> {
    const visited: string[] = [];
    let next = url;
    let form: Record<string, string> | undefined;
    for (let hop = 0; hop < 20; hop++) {
      visited.push(next);
      if (stopAt?.(next)) return { visited };
      const res = await this.fetch(next, form ? { method: "POST", form } : {});
      form = undefined;
      const location = res.headers.get("location");
      if (location) {
        next = new URL(location, next).href;
        continue;
      }
      const html = res.status === 200 ? await res.text() : "";
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) return { res, visited };
      next = new URL(action, next).href;
      form = prompt === "login" ? { prompt, login, password: "anything" } : { prompt };
    }
    throw new Error(`too many redirects: ${visited.join(" -> ")}`);
  }
}
