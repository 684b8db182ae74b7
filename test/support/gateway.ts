// Helpers for tests of the session gateway: a gateway in-process for a test namespace, requests to a
// session origin (`<id>.localhost:<port>`, resolved to loopback as browsers do), sign-in with a real
// ticket, and an EndpointSlice that puts a process of the test behind a Session's Service.

import { randomBytes } from "node:crypto";
import { request } from "node:http";
import type { LookupFunction } from "node:net";
import type { KubernetesObject } from "@kubernetes/client-node";
import { afterAll, beforeAll } from "vitest";
import WebSocket from "ws";
import type { Session, Template } from "../../src/api/generated/types.js";
import { sessionObjectName } from "../../src/api/names.js";
import { API_GROUP, API_VERSION } from "../../src/api/schemas/index.js";
import { Informer } from "../../src/core/informer.js";
import type { Database } from "../../src/db/database.js";
import { type RunningGateway, startGateway } from "../../src/gateway/server.js";
import { issueTicket, parseSigningKeys, type TicketSettings } from "../../src/gateway/ticket.js";
import { createLogger } from "../../src/telemetry/log.js";
import { kubeConfig, kubectl, kubectlJson } from "./kube.js";
import { type RecordingApp, startRecordingApp } from "./recording-app.js";
import { apply, desktopTemplate, installCrds, session } from "./streamspace.js";
import { startTestHost, TEST_HOST_NETWORK, type TestHost } from "./test-host.js";
import { freePort } from "./vnc-server.js";

export function testTicketSettings(): TicketSettings {
  return { keys: parseSigningKeys(`test=${randomBytes(32).toString("base64")}`) };
}

/** A gateway a test talks to: in this process or its own. */
export interface GatewayEndpoint {
  readonly tickets: TicketSettings;
  origin(sessionName: string): string;
}

export interface TestGateway extends GatewayEndpoint {
  readonly gateway: RunningGateway;
  readonly port: number;
}

export async function startTestGateway(
  namespace: string,
  opts: {
    tickets?: TicketSettings;
    trackingIntervalMs?: number;
    wakeHoldMs?: number;
    replica?: string;
    /** The platform's idle warning; no maximums. Default 5m. */
    idleWarning?: string;
    /** The viewer's build to serve. */
    viewerDir?: string;
    /** The API's database, shared by replicas. */
    database?: Database;
    /** Networks the gateway may dial. Default: the test hosts' only. */
    backendNetworks?: readonly string[];
  } = {},
): Promise<TestGateway> {
  const port = await freePort();
  const tickets = opts.tickets ?? testTicketSettings();
  const gateway = await startGateway({
    kubeConfig: kubeConfig(),
    namespace,
    sessionsUrl: `http://localhost:${port}`,
    tickets,
    port,
    host: "127.0.0.1",
    metricsPort: 0,
    replica: opts.replica ?? `test-gateway-${process.pid}`,
    lifecycle: {
      idleTimeout: "30m",
      idleWarning: opts.idleWarning ?? "5m",
      maximums: { idleTimeout: "0", maxSessionDuration: "0" },
    },
    trackingIntervalMs: opts.trackingIntervalMs ?? 1000,
    wakeHoldMs: opts.wakeHoldMs ?? 60_000,
    // Only the test hosts: the kwok pods' addresses lead nowhere.
    backendNetworks: opts.backendNetworks ?? [TEST_HOST_NETWORK],
    ...(opts.viewerDir ? { viewerDir: opts.viewerDir } : {}),
    ...(opts.database ? { database: opts.database } : {}),
    log: createLogger({ level: process.env.STREAMSPACE_TEST_LOG === "debug" ? "debug" : "error" }),
  });
  return {
    gateway,
    port,
    tickets,
    origin: (name) => `http://${sessionObjectName(name)}.localhost:${port}`,
  };
}

/** Every name resolves to loopback, as browsers and curl do for `*.localhost`. */
export const loopback: LookupFunction = (_host, options, callback) => {
  if (options.all)
    (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address: "127.0.0.1", family: 4 },
    ]);
  else callback(null, "127.0.0.1", 4);
};

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

export function get(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, lookup: loopback, timeout: 90_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("timeout", () => req.destroy(new Error(`no answer from ${url}`)));
    req.on("error", reject);
    req.end();
  });
}

/**
 * Follows redirects like a browser that keeps cookies per host, starting with an empty jar unless given
 * one (which then holds the cookies it got, `name=value` by host).
 */
export async function browse(url: string, jar = new Map<string, string>()): Promise<Answer> {
  let next = url;
  for (let hop = 0; hop < 5; hop++) {
    const host = new URL(next).host;
    const res = await get(next, jar.has(host) ? { Cookie: jar.get(host) ?? "" } : {});
    const set = res.headers["set-cookie"]?.[0];
    if (set) jar.set(host, set.split(";")[0] ?? "");
    if (res.status < 300 || res.status >= 400) return res;
    next = new URL(String(res.headers.location), next).toString();
  }
  throw new Error("too many redirects");
}

/** The Session as the cluster has it (its uid goes into tickets). */
export function getSessionObject(namespace: string, name: string): Promise<Session> {
  return kubectlJson<Session>(["get", "session", name, "-n", namespace]);
}

/** A ticket as the API's `connect` issues it, for `user`. */
export async function ticketFor(
  gw: GatewayEndpoint,
  namespace: string,
  name: string,
  user: string,
): Promise<string> {
  const s = await getSessionObject(namespace, name);
  return issueTicket(gw.tickets, { user, session: `${namespace}/${name}`, uid: s.metadata?.uid ?? "" });
}

/** Follows a connect URL like a browser: the ticket is exchanged for the session cookie, returned as a Cookie header. */
export async function signIn(
  gw: GatewayEndpoint,
  namespace: string,
  name: string,
  user = "alice",
): Promise<string> {
  const ticket = await ticketFor(gw, namespace, name, user);
  const res = await get(`${gw.origin(name)}/_streamspace/auth?ticket=${ticket}`);
  const setCookie = res.headers["set-cookie"]?.[0];
  if (res.status !== 303 || !setCookie) throw new Error(`sign-in refused: ${res.status} ${res.body}`);
  return setCookie.split(";")[0] ?? "";
}

export function openViewer(
  gw: GatewayEndpoint,
  name: string,
  cookie: string | undefined,
  path = "/",
  protocols: string[] = [],
): WebSocket {
  const url = `${gw.origin(name).replace("http", "ws")}${path}`;
  return new WebSocket(url, protocols, {
    lookup: loopback,
    origin: gw.origin(name),
    headers: cookie ? { Cookie: cookie } : {},
  });
}

/** Puts `address:port` behind the Session's Service, as the EndpointSlice controller does for its pod. */
export async function serveSessionFrom(
  namespace: string,
  sessionName: string,
  address: string,
  port: number,
): Promise<void> {
  const service = sessionObjectName(sessionName);
  const slice = {
    apiVersion: "discovery.k8s.io/v1",
    kind: "EndpointSlice",
    metadata: {
      name: `${service}-test`,
      namespace,
      labels: {
        "kubernetes.io/service-name": service,
        "endpointslice.kubernetes.io/managed-by": "streamspace-test",
      },
    },
    addressType: "IPv4",
    endpoints: [{ addresses: [address], conditions: { ready: true } }],
    ports: [{ name: "app", port, protocol: "TCP" }],
  };
  await kubectl(["apply", "--server-side", "--field-manager=streamspace-test", "-f", "-"], {
    input: JSON.stringify(slice),
  });
}

/** Sets a Session's status phase as the reconciler would (for tests that run no reconciler). */
export async function setPhase(namespace: string, name: string, phase: string): Promise<void> {
  await kubectl([
    "patch",
    "session",
    name,
    "-n",
    namespace,
    "--subresource=status",
    "--type=merge",
    "-p",
    JSON.stringify({ status: { phase } }),
  ]);
}

/** Resolves when the WebSocket opens, rejects with the close code if it closes first. */
export function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
    ws.once("close", (code, reason) => reject(new Error(`closed ${code} ${reason.toString()}`)));
    ws.once("error", reject);
  });
}

export interface EventStream {
  readonly events: Array<{ event: string; data: string }>;
  close(): void;
}

/** Follows a session's `/_streamspace/events` as the starting page and the viewer do. */
export function followEvents(gw: GatewayEndpoint, name: string, cookie: string): EventStream {
  const events: EventStream["events"] = [];
  const req = request(
    `${gw.origin(name)}/_streamspace/events`,
    { headers: { Cookie: cookie }, lookup: loopback },
    (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        let end = text.indexOf("\n\n");
        while (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
          events.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? "" });
          end = text.indexOf("\n\n");
        }
      });
    },
  );
  req.on("error", () => {});
  req.end();
  return { events, close: () => req.destroy() };
}

/** A desktop whose web client (KasmVNC, Selkies style) is served over HTTP and WebSocket on port 8080. */
export function webDesktopTemplate(
  namespace: string,
  name: string,
  spec: Partial<Template["spec"]> = {},
): Template {
  return desktopTemplate(namespace, name, {
    vnc: { enabled: true, port: 8080, protocol: "websocket" },
    ...spec,
  });
}

/** A web app on port 8080. */
export function webAppTemplate(namespace: string, name: string): Template {
  return {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Template",
    metadata: { name, namespace },
    spec: {
      displayName: name,
      category: "Office",
      baseImage: "example/app:1",
      appType: "webapp",
      webapp: { enabled: true, port: 8080 },
    },
  };
}

/**
 * A Session as the reconciler would leave it Running, for tests that run no reconciler: created, its
 * phase Running, and a test host's `address:port` behind its Service.
 */
export async function standInSession(
  namespace: string,
  name: string,
  spec: Partial<Session["spec"]> & { template: string },
  address: string,
  port: number,
): Promise<void> {
  await apply(session(namespace, name, spec));
  await setPhase(namespace, name, "Running");
  await serveSessionFrom(namespace, name, address, port);
}

/** A test host running the recording app for the calling test file, stopped after it. Call at the top level. */
export function useRecordingApp(): { readonly host: TestHost; readonly app: RecordingApp } {
  let host: TestHost | undefined;
  let app: RecordingApp | undefined;
  beforeAll(async () => {
    host = await startTestHost();
    app = await startRecordingApp(host);
  }, 60_000);
  afterAll(() => host?.stop());
  const need = <T>(value: T | undefined): T => {
    if (!value) throw new Error("the recording app is not started yet");
    return value;
  };
  return {
    get host() {
      return need(host);
    },
    get app() {
      return need(app);
    },
  };
}

/** A Session ("shared") of a WebSocket desktop served by `site`, and every write of it the API server records. */
export async function watchedSharedSession(
  namespace: string,
  site: RecordingApp,
): Promise<{ readonly watch: Informer<Session & KubernetesObject>; writes(): number }> {
  await installCrds();
  await apply(webDesktopTemplate(namespace, "kasmish"));
  await standInSession(namespace, "shared", { template: "kasmish" }, site.address, site.port);
  const watch = new Informer<Session & KubernetesObject>({
    kubeConfig: kubeConfig(),
    namespace,
    resource: { group: API_GROUP, version: API_VERSION, plural: "sessions" },
    log: createLogger({ level: "error" }),
  });
  let writes = 0;
  watch.on("update", (obj, old) => {
    if (obj !== old) writes++;
  });
  watch.start();
  await watch.whenSynced();
  return { watch, writes: () => writes };
}

/** Closes viewers and waits until each is closed. */
export async function closeAll(viewers: readonly WebSocket[]): Promise<void> {
  await Promise.all(
    viewers.map(
      (ws) =>
        new Promise<void>((resolve) => {
          ws.once("close", () => resolve());
          ws.close();
        }),
    ),
  );
}
