import {
  createServer,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { Session } from "../api/generated/types.js";
import type { Cached } from "../api/objects.js";
import { decideLifecycle, type LifecycleDefaults } from "../controllers/session/lifecycle.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import type { Database } from "../db/database.js";
import { localReturnPath } from "../identity/return-path.js";
import { createLogger, type Logger } from "../telemetry/log.js";
import { startTelemetryServer, type TelemetryServer } from "../telemetry/server.js";
import {
  type AdmissionPolicy,
  Anonymous,
  appCookies,
  authenticate,
  exchangeTicket,
  refusalReason,
  sessionKey,
  setCookieHeader,
} from "./auth.js";
import { AnnotationConnectionStore, type ConnectionStore, ConnectionTracker } from "./connections.js";
import { DatabaseConnectionStore, DatabaseSpentTickets } from "./database-store.js";
import { type Backend, SessionDirectory } from "./directory.js";
import { GatewayMetrics } from "./metrics.js";
import { SessionOrigins } from "./origin.js";
import { sendPage, sendStartingPage } from "./pages.js";
import { isUserActivity } from "./rfb-activity.js";
import { MemorySpentTickets, type SpentTickets, type TicketSettings } from "./ticket.js";
import { TrafficMeter } from "./traffic-meter.js";
import { defaultViewerDir, VIEWER_PREFIX, ViewerFiles } from "./viewer.js";
import { type Availability, availability, Waker, waitAvailable } from "./wake.js";

export interface GatewayOptions {
  readonly kubeConfig: KubeConfig;
  /** The session namespace. */
  readonly namespace: string;
  /** Base of session origins, e.g. https://sessions.example.com or http://localhost:8082. */
  readonly sessionsUrl: string;
  readonly tickets: TicketSettings;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** Port of /metrics, /healthz, /readyz; 0 picks a free one. */
  readonly metricsPort: number;
  /** Unique per replica (the pod name). */
  readonly replica: string;
  /** The platform's idle defaults, for the idle warning sent to viewers. */
  readonly lifecycle: LifecycleDefaults;
  /** At most one connection-tracking write per Session this often. Default 30 s. */
  readonly trackingIntervalMs?: number;
  /** How long a request (or WebSocket upgrade) is held while its Session wakes. Default 120 s. */
  readonly wakeHoldMs?: number;
  readonly backendNetworks?: readonly string[];
  /**
   * The API's database: replicas sum their viewer counts in it (written to Session status) and spend
   * tickets in it, once across all of them. Without it: annotations on the Session, tickets spent per
   * replica (docs/decisions/0130).
   */
  readonly database?: Database;
  /** The viewer's build. @default build/ui-viewer when `npm run build:ui` made it */
  readonly viewerDir?: string;
  /** Platform admins may open any Session (each admission is logged). @default false */
  readonly adminAccess?: boolean;
  /** Origins of the portal that frames the viewer; none: any same-site page (the cookie is SameSite=Lax). */
  readonly portalOrigins?: readonly string[];
  readonly log?: Logger;
}

export interface RunningGateway {
  readonly port: number;
  readonly metricsPort: number;
  readonly metrics: GatewayMetrics;
  readonly directory: SessionDirectory;
  readonly tracker: ConnectionTracker;
  readonly store: ConnectionStore;
  /** Stops accepting, closes viewer connections, saves the last counts. */
  close(): Promise<void>;
}

/** Paths the gateway keeps for itself on every session origin. */
const OWN_PREFIX = "/_streamspace/";
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);
/** RFB close code for "too many viewers" (4000-4999 are for applications). */
export const CLOSE_TOO_MANY_VIEWERS = 4429;
export const CLOSE_BACKEND_GONE = 4502;
const CONNECT_TIMEOUT_MS = 10_000;
/** Kept-alive connections to apps: a TCP (and TLS) handshake per request would add to every page load. */
const agents = {
  http: new HttpAgent({ keepAlive: true, maxFreeSockets: 256 }),
  // In-pod TLS (Kasm images) is self-signed; the hop is inside the cluster's pod network.
  https: new HttpsAgent({ keepAlive: true, maxFreeSockets: 256, rejectUnauthorized: false }),
};

/**
 * Headers for the app: the platform's cookies and the user's Authorization removed (the image's own
 * credentials put in instead), hop-by-hop dropped, X-Forwarded-* set.
 */
function forwardHeaders(
  req: IncomingMessage,
  backend: Backend,
  upgrade: boolean,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === "cookie" || name === "authorization")
      continue;
    if (name.startsWith("x-forwarded-")) continue;
    out[name] = value;
  }
  const cookies = appCookies(req.headers.cookie);
  if (cookies) out.cookie = cookies;
  if (backend.authorization) out.authorization = backend.authorization;
  if (upgrade) {
    out.connection = "Upgrade";
    out.upgrade = req.headers.upgrade ?? "websocket";
  }
  out["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  out["x-forwarded-host"] = req.headers.host ?? "";
  out["x-forwarded-proto"] =
    "encrypted" in req.socket ? "https" : String(req.headers["x-forwarded-proto"] ?? "http");
  return out;
}

function wantsPage(req: IncomingMessage): boolean {
  return req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
}

/**
 * The session gateway: the one path from a browser to a session. On each session origin it exchanges a
 * ticket for a cookie, admits the owner only, wakes hibernated Sessions and holds requests until they
 * are ready, proxies HTTP and WebSocket to the Session's endpoints (bridging plain VNC to WebSocket),
 * and counts viewers.
 */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const log = opts.log ?? createLogger();
  const origins = new SessionOrigins(opts.sessionsUrl);
  const metrics = new GatewayMetrics();
  const directory = new SessionDirectory({
    kubeConfig: opts.kubeConfig,
    namespace: opts.namespace,
    log,
    ...(opts.backendNetworks ? { backendNetworks: opts.backendNetworks } : {}),
  });
  const intervalMs = opts.trackingIntervalMs ?? 30_000;
  const refreshMs = Math.max(intervalMs * 4, 60_000);
  const store: ConnectionStore = opts.database
    ? new DatabaseConnectionStore({
        db: opts.database,
        kubeConfig: opts.kubeConfig,
        intervalMs,
        staleMs: refreshMs * 2,
        log,
        onWrite: () => metrics.trackingWrite(),
      })
    : new AnnotationConnectionStore(opts.kubeConfig, refreshMs * 2, log);
  const tracker = new ConnectionTracker({
    store,
    replica: opts.replica,
    intervalMs,
    refreshMs,
    log,
    // Each save is a write to the API server only when the annotations are the store.
    ...(opts.database ? {} : { onSave: () => metrics.trackingWrite() }),
  });
  const waker = new Waker(opts.kubeConfig, log);
  const spent: SpentTickets = opts.database
    ? new DatabaseSpentTickets(opts.database)
    : new MemorySpentTickets();
  const viewer = new ViewerFiles(opts.viewerDir ?? defaultViewerDir(), opts.portalOrigins ?? []);
  const holdMs = opts.wakeHoldMs ?? 120_000;
  const policy: AdmissionPolicy = { adminAccess: opts.adminAccess ?? false };
  const sockets = new Set<Duplex>();
  const viewers = new Set<WebSocket>();
  const wss = new WebSocketServer({
    noServer: true,
    // noVNC offers "binary" (older versions) or nothing.
    handleProtocols: (protocols) => (protocols.has("binary") ? "binary" : ([...protocols][0] ?? false)),
  });

  /** The Session a request's Host names and its user, or a refusal already answered. */
  function admit(
    req: IncomingMessage,
    refuse: (status: number, title: string, message: string) => void,
  ): Cached<Session> | undefined {
    const id = origins.idOfHost(req.headers.host);
    const session = id ? directory.sessionById(id) : undefined;
    if (!session) {
      refuse(404, "No such session", "There is no session at this address.");
      return undefined;
    }
    try {
      authenticate(req.headers, session, origins, opts.tickets, policy);
      return session;
    } catch (err) {
      const reason = refusalReason(err);
      if (!reason) throw err;
      metrics.ticketRefused(reason);
      if (err instanceof Anonymous)
        refuse(401, "Sign in to open this session", "Open this session from the StreamSpace portal.");
      else
        refuse(403, "Not allowed", "This session belongs to someone else, or your access to it has ended.");
      return undefined;
    }
  }

  /** Waits, as long as the hold allows, for the Session to be ready; wakes it first if it hibernates. */
  async function whenReady(
    session: Cached<Session>,
    signal?: AbortSignal,
  ): Promise<Availability | undefined> {
    const now = availability(directory, session);
    if (now.state !== "starting") return now;
    const started = performance.now();
    await waker.wake(session).catch((err) => log.warn("wake failed", { session: sessionKey(session), err }));
    const { namespace = "", name = "" } = session.metadata ?? {};
    const result = await waitAvailable(directory, namespace, name, holdMs, signal);
    const seconds = (performance.now() - started) / 1000;
    metrics.observeWake(
      result?.state === "ready" ? "ready" : result?.state === "unavailable" ? "failed" : "timeout",
      seconds,
    );
    return result;
  }

  async function handleTicket(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const id = origins.idOfHost(req.headers.host);
    const session = id ? directory.sessionById(id) : undefined;
    if (!session) {
      sendPage(res, 404, "No such session", "There is no session at this address.");
      return;
    }
    try {
      const { cookie, maxAgeSeconds, user, admin } = await exchangeTicket(
        url.searchParams.get("ticket") ?? "",
        session,
        opts.tickets,
        spent,
        policy,
      );
      // The API audits the connect that issued the ticket; this records where it was used.
      if (admin) log.info("admin opened another user's session", { session: sessionKey(session), user });
      const location = localReturnPath(url.searchParams.get("next"));
      res.writeHead(303, {
        Location: location,
        "Set-Cookie": setCookieHeader(origins, cookie, maxAgeSeconds),
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
      });
      res.end();
    } catch (err) {
      const reason = refusalReason(err);
      if (!reason) throw err;
      metrics.ticketRefused(reason);
      sendPage(res, 403, "This link is not valid", "Open the session again from the StreamSpace portal.", {
        headers: { "Referrer-Policy": "no-referrer" },
      });
    }
  }

  /** Server-sent events for the viewer: the session's state (wake progress) and the idle warning. */
  function handleEvents(req: IncomingMessage, res: ServerResponse, session: Cached<Session>): void {
    const { namespace = "", name = "" } = session.metadata ?? {};
    res.writeHead(200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-store",
      Connection: "keep-alive",
    });
    let last = "";
    const send = () => {
      const current = directory.session(namespace, name);
      if (!current) {
        res.end();
        return;
      }
      const a = availability(directory, current);
      const state =
        a.state === "ready"
          ? { state: "ready" }
          : a.state === "starting"
            ? { state: "starting", phase: a.phase, message: a.message }
            : { state: "unavailable", reason: a.reason, message: a.message };
      const warning = decideLifecycle(current, opts.lifecycle, Date.now()).idleWarning;
      const text =
        `event: state\ndata: ${JSON.stringify(state)}\n\n` +
        (warning
          ? `event: idle-warning\ndata: ${JSON.stringify({ hibernateAt: new Date(warning.hibernateAt).toISOString() })}\n\n`
          : "");
      if (text !== last) res.write(text);
      last = text;
    };
    const unsubscribe = directory.onChange(send);
    const timer = setInterval(send, 15_000);
    req.on("close", () => {
      unsubscribe();
      clearInterval(timer);
    });
    send();
  }

  function proxyHttp(
    req: IncomingMessage,
    res: ServerResponse,
    backend: Backend,
    session: Cached<Session>,
  ): void {
    const { namespace = "", name = "" } = session.metadata ?? {};
    tracker.activity(namespace, name);
    const upstream = (backend.tls ? httpsRequest : httpRequest)({
      host: backend.host,
      port: backend.port,
      method: req.method,
      path: req.url,
      headers: forwardHeaders(req, backend, false),
      agent: backend.tls ? agents.https : agents.http,
      timeout: CONNECT_TIMEOUT_MS,
    });
    upstream.on("timeout", () => upstream.destroy(new Error("timeout")));
    upstream.on("response", (up) => {
      // The deadline is for the app to answer; a streamed answer (SSE, long poll) may then idle.
      upstream.setTimeout(0);
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(up.headers))
        if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
      res.writeHead(up.statusCode ?? 502, up.statusMessage, headers);
      up.on("data", (chunk: Buffer) => metrics.transferred("out", chunk.length));
      up.pipe(res);
    });
    upstream.on("error", (err) => {
      metrics.proxyError(err.message === "timeout" ? "timeout" : res.headersSent ? "reset" : "connect");
      log.warn("proxy error", { session: sessionKey(session), err });
      if (!res.headersSent) sendPage(res, 502, "The session did not answer", "Try again in a moment.");
      else res.destroy();
    });
    req.on("data", (chunk: Buffer) => metrics.transferred("in", chunk.length));
    req.pipe(upstream);
  }

  const meter = new TrafficMeter((direction, bytes) => metrics.transferred(direction, bytes));
  const server = createServer((req, res) => {
    void handleRequest(req, res).catch((err) => {
      log.error("request failed", { err });
      if (!res.headersSent) sendPage(res, 500, "Gateway error", "Something went wrong; try again.");
      else res.destroy();
    });
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://gateway.invalid");
    if (url.pathname === `${OWN_PREFIX}auth`) {
      await handleTicket(req, res, url);
      return;
    }
    const session = admit(req, (status, title, message) => sendPage(res, status, title, message));
    if (!session) return;
    const { namespace = "", name = "" } = session.metadata ?? {};
    if (url.pathname === `${OWN_PREFIX}events`) {
      handleEvents(req, res, session);
      return;
    }
    // Served whatever the Session's state: the viewer itself shows wake progress and connects when ready.
    if (url.pathname.startsWith(VIEWER_PREFIX)) {
      viewer.serve(req, res, url.pathname, origins.originOf(name));
      return;
    }
    if (url.pathname === `${OWN_PREFIX}keep-awake`) {
      if (req.method !== "POST") {
        res.writeHead(405, { Allow: "POST" }).end();
        return;
      }
      // Only the session's own pages may keep it awake (the cookie is SameSite=Lax already).
      if (req.headers.origin !== undefined && req.headers.origin !== origins.originOf(name)) {
        res.writeHead(403).end();
        return;
      }
      tracker.activity(namespace, name);
      res.writeHead(204).end();
      return;
    }
    const now = availability(directory, session);
    if (now.state === "starting" && wantsPage(req)) {
      void waker.wake(session).catch((err) => log.warn("wake failed", { session: sessionKey(session), err }));
      sendStartingPage(res, now.phase);
      return;
    }
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    const ready = await whenReady(session, gone.signal);
    if (gone.signal.aborted) return;
    if (!ready || ready.state === "starting") {
      sendPage(res, 503, "Your session is still starting", "Try again in a moment.", {
        headers: { "Retry-After": "5" },
      });
      return;
    }
    if (ready.state === "unavailable") {
      sendPage(res, ready.status, `Session ${ready.reason}`, ready.message);
      return;
    }
    if (ready.backend.kind === "rfb") {
      sendPage(
        res,
        426,
        "Open this session in the viewer",
        "This desktop is reached through the StreamSpace viewer (WebSocket).",
        {
          headers: { Upgrade: "websocket" },
        },
      );
      return;
    }
    proxyHttp(req, res, ready.backend, session);
  }

  /** Counts one viewer from open to close, and its traffic. */
  function trackViewer(session: Cached<Session>): { activity: () => void; closed: () => void } {
    const { namespace = "", name = "" } = session.metadata ?? {};
    const template = session.spec.template;
    tracker.connected(namespace, name);
    metrics.connected(template);
    let open = true;
    return {
      activity: () => tracker.activity(namespace, name),
      closed: () => {
        if (!open) return;
        open = false;
        tracker.disconnected(namespace, name);
        metrics.disconnected(template);
      },
    };
  }

  async function tooManyViewers(session: Cached<Session>): Promise<boolean> {
    const max = session.spec.maxConnections;
    if (max === undefined) return false;
    const { namespace = "", name = "" } = session.metadata ?? {};
    // Other replicas' viewers as they last saved them, plus ours as they are now.
    const others = (await store.totals(session, Date.now(), opts.replica)).active;
    return others + tracker.active(namespace, name) >= max;
  }

  function bridgeRfb(client: WebSocket, backend: Backend, session: Cached<Session>): void {
    const viewer = trackViewer(session);
    viewers.add(client);
    const tcp: Socket = connect({ host: backend.host, port: backend.port });
    tcp.setNoDelay(true);
    tcp.setTimeout(CONNECT_TIMEOUT_MS, () => tcp.destroy(new Error("timeout")));
    tcp.once("connect", () => tcp.setTimeout(0));
    tcp.on("data", (chunk: Buffer) => {
      metrics.transferred("out", chunk.length);
      client.send(chunk);
      // Back-pressure: a slow viewer pauses the VNC server rather than growing the gateway's memory.
      if (client.bufferedAmount > 4 * 1024 * 1024) {
        tcp.pause();
        const resume = setInterval(() => {
          if (client.bufferedAmount < 1024 * 1024 || client.readyState !== client.OPEN) {
            clearInterval(resume);
            tcp.resume();
          }
        }, 20);
      }
    });
    client.on("message", (data: Buffer) => {
      metrics.transferred("in", data.length);
      if (isUserActivity(data)) viewer.activity();
      tcp.write(data);
    });
    tcp.on("error", (err) => {
      metrics.proxyError(err.message === "timeout" ? "timeout" : tcp.connecting ? "connect" : "reset");
      log.warn("VNC bridge error", { session: sessionKey(session), err });
    });
    tcp.on("close", () => {
      if (client.readyState === client.OPEN)
        client.close(CLOSE_BACKEND_GONE, "session closed the connection");
    });
    client.on("close", () => {
      viewers.delete(client);
      viewer.closed();
      tcp.destroy();
    });
  }

  function proxyWebSocket(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    backend: Backend,
    session: Cached<Session>,
  ): void {
    const upstream = (backend.tls ? httpsRequest : httpRequest)({
      host: backend.host,
      port: backend.port,
      method: req.method,
      path: req.url,
      headers: forwardHeaders(req, backend, true),
      ...(backend.tls ? { rejectUnauthorized: false } : {}),
      timeout: CONNECT_TIMEOUT_MS,
    });
    upstream.on("timeout", () => upstream.destroy(new Error("timeout")));
    upstream.on("upgrade", (up, upSocket, upHead) => {
      upSocket.setTimeout(0);
      const lines = [`HTTP/1.1 101 ${up.statusMessage ?? "Switching Protocols"}`];
      for (let i = 0; i < up.rawHeaders.length; i += 2)
        lines.push(`${up.rawHeaders[i]}: ${up.rawHeaders[i + 1]}`);
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (upHead.length) socket.write(upHead);
      if (head.length) upSocket.write(head);
      const viewer = trackViewer(session);
      // From here a plain pipe: no listener per chunk; the meter reads the sockets' byte counts.
      const unwatch = meter.watch(socket as Socket, upSocket, viewer.activity);
      for (const s of [socket, upSocket] as Socket[]) s.setNoDelay?.(true);
      upSocket.pipe(socket).pipe(upSocket);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        unwatch();
        viewer.closed();
        socket.destroy();
        upSocket.destroy();
      };
      socket.on("close", end);
      upSocket.on("close", end);
      socket.on("error", end);
      upSocket.on("error", end);
    });
    upstream.on("response", (up) => {
      // The app refused the upgrade: pass its answer on.
      socket.end(
        `HTTP/1.1 ${up.statusCode} ${up.statusMessage ?? ""}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
      up.resume();
    });
    upstream.on("error", (err) => {
      metrics.proxyError(err.message === "timeout" ? "timeout" : "connect");
      log.warn("WebSocket proxy error", { session: sessionKey(session), err });
      socket.end("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    });
    upstream.end();
  }

  function closeWith(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const refuseHttp = (status: number, title: string) =>
      socket.end(`HTTP/1.1 ${status} ${title}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    const session = admit(req, (status, title) => refuseHttp(status, title));
    if (!session) return;
    // A page of another site must not open a viewer with the user's cookie (cross-site WebSocket hijacking).
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== origins.originOf(session.metadata?.name ?? "")) {
      metrics.ticketRefused("foreign-origin");
      refuseHttp(403, "Forbidden");
      return;
    }
    const gone = new AbortController();
    socket.on("close", () => gone.abort());
    const ready = await whenReady(session, gone.signal);
    if (gone.signal.aborted) return;
    if (ready?.state !== "ready") {
      refuseHttp(503, "Service Unavailable");
      return;
    }
    const current =
      directory.session(session.metadata?.namespace ?? "", session.metadata?.name ?? "") ?? session;
    if (await tooManyViewers(current)) {
      closeWith(req, socket, head, CLOSE_TOO_MANY_VIEWERS, `at most ${current.spec.maxConnections} viewers`);
      return;
    }
    if (ready.backend.kind === "rfb")
      wss.handleUpgrade(req, socket, head, (ws) => bridgeRfb(ws, ready.backend, current));
    else proxyWebSocket(req, socket, head, ready.backend, current);
  }

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    void handleUpgrade(req, socket, head).catch((err) => {
      log.error("upgrade failed", { err });
      socket.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  directory.start();
  await directory.whenSynced();
  const telemetry: TelemetryServer = await startTelemetryServer({
    port: opts.metricsPort,
    registry: metrics.registry,
    log,
    readiness: { informers: () => directory.synced },
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host ?? "0.0.0.0", resolve));
  const port = (server.address() as AddressInfo).port;
  log.info("gateway listening", { port, sessionsUrl: opts.sessionsUrl });

  return {
    port,
    metricsPort: telemetry.port,
    metrics,
    directory,
    tracker,
    store,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const ws of viewers) ws.terminate();
        for (const s of sockets) s.destroy();
      });
      meter.stop();
      await tracker.flush();
      await Promise.all([telemetry.close(), directory.stop()]);
    },
  };
}
