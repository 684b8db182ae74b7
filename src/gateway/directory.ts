import { BlockList, isIPv4, isIPv6 } from "node:net";
import type { KubernetesObject } from "@kubernetes/client-node";
import { type AppEndpoint, appEndpoint } from "../api/app-endpoint.js";
import type { Session, Template } from "../api/generated/types.js";
import { sessionObjectName } from "../api/names.js";
import type { Cached } from "../api/objects.js";
import { API_GROUP, API_VERSION } from "../api/schemas/index.js";
import { Informer } from "../core/informer.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import type { Logger } from "../telemetry/log.js";

interface EndpointSlice extends KubernetesObject {
  addressType?: string;
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean; terminating?: boolean } }[];
  ports?: { name?: string; port?: number }[];
}

/** How the gateway speaks to a session's app. */
export type StreamKind = "http" | "rfb";

export interface Backend {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  /** `rfb`: a plain VNC server that the gateway bridges to WebSocket; `http`: proxied as it is. */
  readonly kind: StreamKind;
  /** An `Authorization` value the app demands (Kasm images: basic auth), added by the gateway alone. */
  readonly authorization?: string;
}

/**
 * Credentials an image wants before it serves anyone: Kasm images (`VNC_PW` in the Template's env) ask
 * for basic auth as `kasm_user` (or `VNC_USER`). The gateway, the only way in, answers for the user.
 */
export function imageAuthorization(template: Template): string | undefined {
  const env = new Map((template.spec.env ?? []).map((e) => [e.name, e.value ?? ""]));
  const password = env.get("VNC_PW");
  if (password === undefined) return undefined;
  return `Basic ${Buffer.from(`${env.get("VNC_USER") || "kasm_user"}:${password}`).toString("base64")}`;
}

const SERVICE_NAME_LABEL = "kubernetes.io/service-name";

/**
 * The gateway's view of the session namespace, from watches (no request per connection): Sessions by
 * their origin id, their Templates, and the EndpointSlices of their Services. The local cluster runs no
 * kube-proxy, and the gateway needs no ClusterIP: it dials a ready endpoint of the Service directly.
 */
export class SessionDirectory {
  readonly sessions: Informer<Cached<Session>>;
  readonly templates: Informer<Cached<Template>>;
  readonly slices: Informer<EndpointSlice>;
  private readonly allowed?: BlockList;
  private readonly listeners = new Set<() => void>();

  constructor(opts: {
    kubeConfig: KubeConfig;
    namespace: string;
    log: Logger;
    /** CIDRs the gateway may dial; empty allows any. A guard against a slice naming an address outside the pod network. */
    backendNetworks?: readonly string[];
  }) {
    const common = { kubeConfig: opts.kubeConfig, namespace: opts.namespace, log: opts.log };
    const crd = (plural: string) => ({ group: API_GROUP, version: API_VERSION, plural });
    this.sessions = new Informer<Cached<Session>>({
      ...common,
      resource: crd("sessions"),
      indexers: { id: (s) => [sessionObjectName(s.metadata?.name ?? "")] },
    });
    this.templates = new Informer<Cached<Template>>({ ...common, resource: crd("templates") });
    this.slices = new Informer<EndpointSlice>({
      ...common,
      resource: { group: "discovery.k8s.io", version: "v1", plural: "endpointslices" },
      labelSelector: SERVICE_NAME_LABEL,
      indexers: { service: (s) => [s.metadata?.labels?.[SERVICE_NAME_LABEL] ?? ""] },
    });
    if (opts.backendNetworks?.length) {
      this.allowed = new BlockList();
      for (const cidr of opts.backendNetworks) {
        const [net, bits] = cidr.split("/");
        const type = isIPv6(net ?? "") ? "ipv6" : "ipv4";
        if (!net || !(isIPv4(net) || isIPv6(net)) || bits === undefined || !/^\d+$/.test(bits))
          throw new Error(`gateway.backendNetworks: "${cidr}" is not a CIDR such as 10.244.0.0/16`);
        this.allowed.addSubnet(net, Number(bits), type);
      }
    }
    const changed = () => {
      for (const fn of this.listeners) fn();
    };
    for (const informer of this.informers()) {
      informer.on("add", changed);
      informer.on("update", (obj: unknown, old: unknown) => obj !== old && changed());
      informer.on("delete", changed);
    }
  }

  private informers(): Informer<KubernetesObject>[] {
    return [this.sessions, this.templates, this.slices] as unknown as Informer<KubernetesObject>[];
  }

  start(): void {
    for (const i of this.informers()) i.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.informers().map((i) => i.stop()));
  }

  get synced(): boolean {
    return this.informers().every((i) => i.synced);
  }

  whenSynced(): Promise<void> {
    return Promise.all(this.informers().map((i) => i.whenSynced())).then(() => undefined);
  }

  /** Calls `fn` after any change of a Session, Template or EndpointSlice; returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  sessionById(id: string): Cached<Session> | undefined {
    return this.sessions.store.byIndex("id", id)[0];
  }

  session(namespace: string, name: string): Cached<Session> | undefined {
    return this.sessions.store.get(`${namespace}/${name}`);
  }

  templateOf(session: Session): Template | undefined {
    return this.templates.store.get(`${session.metadata?.namespace}/${session.spec.template}`);
  }

  /** Where a Session's app answers now, or undefined while no endpoint is ready (or none is allowed). */
  backendOf(session: Session): Backend | undefined {
    const template = this.templateOf(session);
    if (!template) return undefined;
    let endpoint: AppEndpoint;
    try {
      endpoint = appEndpoint(template.spec);
    } catch {
      return undefined;
    }
    const service = sessionObjectName(session.metadata?.name ?? "");
    const namespace = session.metadata?.namespace;
    for (const slice of this.slices.store.byIndex("service", service)) {
      if (slice.metadata?.namespace !== namespace) continue;
      const port = slice.ports?.find((p) => p.name === "app")?.port;
      if (port === undefined) continue;
      for (const ep of slice.endpoints ?? []) {
        if (ep.conditions?.ready === false || ep.conditions?.terminating) continue;
        const host = ep.addresses.find((a) => this.allows(a));
        if (!host) continue;
        const authorization = imageAuthorization(template);
        return {
          host,
          port,
          tls: endpoint.scheme === "HTTPS",
          kind: streamKind(template),
          ...(authorization ? { authorization } : {}),
        };
      }
    }
    return undefined;
  }

  private allows(address: string): boolean {
    if (!this.allowed) return true;
    return this.allowed.check(address, isIPv6(address) ? "ipv6" : "ipv4");
  }
}

/** A desktop whose VNC server speaks plain RFB needs the gateway's WebSocket bridge. */
function streamKind(template: Template): StreamKind {
  const { spec } = template;
  const webapp = spec.webapp && spec.webapp.enabled !== false && spec.appType !== "desktop";
  const vnc = spec.vnc && spec.vnc.enabled !== false;
  return !webapp && vnc && (spec.vnc?.protocol ?? "rfb") === "rfb" ? "rfb" : "http";
}
