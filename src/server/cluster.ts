import type { Quota, Session, Template, TemplateRepository } from "../api/generated/types.js";
import type { Cached } from "../api/objects.js";
import { API_GROUP, API_VERSION, crdNames, type KindName } from "../api/schemas/index.js";
import { Informer } from "../core/informer.js";
import { collectionPath, type KubeAgents, kubeAgents, kubeRequest } from "../core/kube-http.js";
import type { KubeConfig } from "../core/kubeconfig.js";
import { listPages } from "../core/list-pages.js";
import type { Logger } from "../telemetry/log.js";
import { type Caller, mayLaunch } from "./template-visibility.js";

export interface ClusterViewOptions {
  /**
   * Connections to the API server for the API's own requests (creates, patches, deletes); requests
   * beyond them wait for a free one. The informers' watches use the process's shared pool.
   * @default 128
   */
  readonly connections?: number;
  /** Deadline of every request, waiting for a connection included. @default 10 s */
  readonly timeoutMs?: number;
}

/**
 * The API's view of the cluster: informers on Sessions, Templates and TemplateRepositories (list, get,
 * the live stream and the catalog read the cache, never the API server), and plain requests for writes
 * and for the admin's rarely read kinds. Everything lives in the platform's session namespace.
 */
export class ClusterView {
  readonly sessions: Informer<Cached<Session>>;
  readonly templates: Informer<Cached<Template>>;
  /** For the catalog's visibility: who may see a repository's Templates. */
  readonly repositories: Informer<Cached<TemplateRepository>>;
  private readonly agents: KubeAgents;
  private readonly timeoutMs: number;

  constructor(
    readonly kubeConfig: KubeConfig,
    readonly namespace: string,
    log: Logger,
    { connections = 128, timeoutMs = 10_000 }: ClusterViewOptions = {},
  ) {
    this.agents = kubeAgents(connections);
    this.timeoutMs = timeoutMs;
    const common = { kubeConfig, namespace, log };
    this.sessions = new Informer<Cached<Session>>({
      ...common,
      resource: resource("Session"),
      indexers: { user: (s) => [s.spec.user] },
    });
    this.templates = new Informer<Cached<Template>>({ ...common, resource: resource("Template") });
    this.repositories = new Informer<Cached<TemplateRepository>>({
      ...common,
      resource: resource("TemplateRepository"),
    });
  }

  private get informers() {
    return [this.sessions, this.templates, this.repositories];
  }

  start(): void {
    for (const informer of this.informers) informer.start();
  }

  get synced(): boolean {
    return this.informers.every((informer) => informer.synced);
  }

  async whenSynced(): Promise<void> {
    await Promise.all(this.informers.map((informer) => informer.whenSynced()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.informers.map((informer) => informer.stop()));
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** The Template by name if the caller may see and launch it (its repository's visibility). */
  template(name: string, caller: Caller): Cached<Template> | undefined {
    const t = this.templates.store.get(`${this.namespace}/${name}`);
    return t && mayLaunch(t, (repo) => this.repository(repo), caller) ? t : undefined;
  }

  /** Every Template the caller may see and launch, by name. */
  visibleTemplates(caller: Caller): Cached<Template>[] {
    return this.templates.store
      .list()
      .filter((t) => mayLaunch(t, (repo) => this.repository(repo), caller))
      .sort((a, b) => (a.metadata?.name ?? "").localeCompare(b.metadata?.name ?? ""));
  }

  private repository(name: string): TemplateRepository | undefined {
    return this.repositories.store.get(`${this.namespace}/${name}`);
  }

  session(name: string): Cached<Session> | undefined {
    return this.sessions.store.get(`${this.namespace}/${name}`);
  }

  /** Any request to the API server, with the deadline. */
  request<T>(
    path: string,
    options: {
      method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
      body?: unknown;
      contentType?: string;
      query?: Record<string, string>;
    } = {},
  ): Promise<T> {
    return kubeRequest<T>(this.kubeConfig, path, {
      ...options,
      agents: this.agents,
      timeoutMs: this.timeoutMs,
    });
  }

  /** Every object of a collection in bounded pages, each request with the deadline; nothing is kept. */
  async eachListed<T>(path: string, query: Record<string, string>, each: (item: T) => void): Promise<void> {
    await listPages<T>(
      this.kubeConfig,
      path,
      { query, timeoutMs: this.timeoutMs, agents: this.agents },
      (page) => {
        for (const item of page.items ?? []) each(item);
      },
    );
  }

  /** Path of one of our kinds in the namespace, or of one object of it. */
  path(kind: KindName, name?: string): string {
    const base = collectionPath(resource(kind), this.namespace);
    return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
  }

  create<T>(kind: KindName, object: T): Promise<T> {
    return this.request<T>(this.path(kind), { method: "POST", body: object });
  }

  mergePatch<T>(kind: KindName, name: string, patch: unknown): Promise<T> {
    return this.request<T>(this.path(kind, name), {
      method: "PATCH",
      body: patch,
      contentType: "application/merge-patch+json",
    });
  }

  list<T>(kind: KindName): Promise<T[]> {
    return this.request<{ items: T[] }>(this.path(kind)).then((l) => l.items);
  }

  get<T>(kind: KindName, name: string): Promise<T> {
    return this.request<T>(this.path(kind, name));
  }

  delete(kind: KindName, name: string): Promise<unknown> {
    return this.request(this.path(kind, name), { method: "DELETE" });
  }

  /** The readiness probe's check that the API server answers. */
  async reachable(): Promise<boolean> {
    try {
      await kubeRequest(this.kubeConfig, "/readyz", { signal: AbortSignal.timeout(3_000) }).catch(
        (e: unknown) => {
          // /readyz answers text, which is not JSON; any 2xx answer reached here already.
          if (e instanceof SyntaxError) return;
          throw e;
        },
      );
      return true;
    } catch {
      return false;
    }
  }
}

function resource(kind: KindName) {
  return { group: API_GROUP, version: API_VERSION, plural: crdNames(kind).plural };
}

export type { Quota, Session, Template, TemplateRepository };
