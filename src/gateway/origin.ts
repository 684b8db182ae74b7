import { sessionObjectName } from "../api/names.js";

/**
 * Every Session has an origin of its own, `<id>.<sessions host>`: a page of one session can then read
 * neither another session's cookies nor the portal's (docs/decisions/0081). The id is the Session's
 * object name (`ss-<name>`), a DNS label, so it is valid as a host label too.
 *
 * `sessionsUrl` is the base: `https://sessions.example.com` in production gives
 * `https://ss-x.sessions.example.com`; `http://localhost:8082` in a local run gives
 * `http://ss-x.localhost:8082` (browsers and curl resolve `*.localhost` to loopback).
 */
export class SessionOrigins {
  readonly secure: boolean;
  private readonly scheme: string;
  /** Host with port, lower case, e.g. "sessions.example.com" or "localhost:8082". */
  private readonly baseHost: string;

  constructor(sessionsUrl: string) {
    let url: URL;
    try {
      url = new URL(sessionsUrl);
    } catch {
      throw new Error(
        `gateway.sessionsUrl: "${sessionsUrl}" is not a URL; use e.g. https://sessions.example.com`,
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new Error(`gateway.sessionsUrl: use an http:// or https:// URL, not ${url.protocol}`);
    if (url.pathname !== "/" || url.search || url.username)
      throw new Error(
        `gateway.sessionsUrl: give only scheme, host and port (e.g. https://sessions.example.com)`,
      );
    this.scheme = url.protocol;
    this.secure = url.protocol === "https:";
    this.baseHost = url.host.toLowerCase();
  }

  /** The origin of a Session, e.g. "https://ss-alice-firefox.sessions.example.com". */
  originOf(sessionName: string): string {
    return `${this.scheme}//${sessionObjectName(sessionName)}.${this.baseHost}`;
  }

  /**
   * Whether browsers treat session origins as secure contexts (HTTPS, or `*.localhost` over HTTP), where
   * they accept Secure cookies.
   */
  get trustworthy(): boolean {
    const hostname = this.baseHost.replace(/:\d+$/, "");
    return this.secure || hostname === "localhost" || hostname.endsWith(".localhost");
  }

  /** Every session origin as one CSP source, e.g. "https://*.sessions.example.com". */
  get cspSource(): string {
    return `${this.scheme}//*.${this.baseHost}`;
  }

  /** The session id a request's Host names, or undefined when the Host is not a session origin. */
  idOfHost(host: string | undefined): string | undefined {
    if (!host) return undefined;
    const lower = host.toLowerCase();
    const suffix = `.${this.baseHost}`;
    if (!lower.endsWith(suffix)) return undefined;
    const id = lower.slice(0, -suffix.length);
    return /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(id) ? id : undefined;
  }
}
