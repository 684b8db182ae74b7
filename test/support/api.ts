// Runs the real API (database, informers, Fastify on a loopback port) for an integration test file, with
// users alice and bob and the admin root, and a small client that logs in like a browser.
import { afterAll, beforeAll } from "vitest";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { hashPassword } from "../../src/identity/passwords.js";
import { createUser } from "../../src/identity/users.js";
import { type ApiOptions, type RunningApi, startApi } from "../../src/server/start.js";
import { createLogger } from "../../src/telemetry/log.js";
import type { EngineFixture } from "./databases.js";
import { kubeConfig, waitFor } from "./kube.js";
import { installCrds } from "./streamspace.js";

export const PASSWORD = "correct horse battery";
export const USERS = { alice: false, bob: false, root: true } as const;
export type TestUser = keyof typeof USERS;

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A caller of the API: anonymous, or logged in with a cookie (sent with our Origin, as a browser does). */
export class ApiClient {
  cookie: string | undefined;
  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string | undefined> = {},
    { headersOnly = false }: { headersOnly?: boolean } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { origin: this.base, ...this.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    for (const [k, v] of Object.entries(extra)) {
      if (v === undefined) delete headers[k];
      else headers[k] = v;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 30_000);
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      redirect: "manual",
      signal: abort.signal,
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    // A stream (the live updates) never ends: its status and headers are the answer.
    if (headersOnly) {
      clearTimeout(timer);
      abort.abort();
      return { status: res.status, body: undefined as T, headers: res.headers };
    }
    const text = await res.text().finally(() => clearTimeout(timer));
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {}
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body);
  }

  /** Logs in with a password; keeps the cookie for later requests. */
  async login(name: string, password = PASSWORD): Promise<Answer> {
    const answer = await this.post("/api/v1/auth/login", { username: name, password });
    const set = answer.headers.get("set-cookie");
    if (answer.status === 200 && set) this.cookie = set.split(";")[0];
    return answer;
  }
}

/** What a test changes in the API's options; `config` is merged into the platform config. */
export type ApiOverrides = Partial<Omit<ApiOptions, "config">> & { config?: Record<string, unknown> };

export interface ApiHarness {
  readonly api: RunningApi;
  readonly url: string;
  anonymous(): ApiClient;
  /** A fresh client logged in as the user. */
  as(user: TestUser): Promise<ApiClient>;
}

/**
 * Starts the API for the test file's namespace on the given engine, after creating the test users in
 * its database. Call inside a describe block; the API stops after it.
 */
export function useApi(
  namespace: () => string,
  engine: EngineFixture,
  overrides: ApiOverrides | (() => Promise<ApiOverrides>) = {},
): ApiHarness {
  let running: RunningApi | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    // The API's informers wait for the CRDs: install them first.
    await installCrds();
    const created = await engine.create();
    drop = created.drop;
    const db = await openDatabase(created.target);
    await migrate(db);
    const hash = await hashPassword(PASSWORD);
    for (const [name, admin] of Object.entries(USERS))
      await createUser(db, { name, passwordHash: hash, admin });
    await db.close();
    // Lazy when they need the test's resources (a free port) first.
    const { config, ...rest } = typeof overrides === "function" ? await overrides() : overrides;
    running = await startApi({
      config: resolvePlatformConfig({ namespace: namespace(), sessionNamespace: namespace(), ...config }),
      kubeConfig: kubeConfig(),
      database: created.target,
      log: createLogger({ level: "error" }),
      port: 0,
      host: "127.0.0.1",
      ...rest,
    });
    await running.context.cluster.whenSynced();
  });
  afterAll(async () => {
    await running?.stop();
    await drop?.();
  });
  const harness: ApiHarness = {
    get api() {
      if (!running) throw new Error("the API is not started yet");
      return running;
    },
    get url() {
      return harness.api.url;
    },
    anonymous: () => new ApiClient(harness.url),
    async as(user) {
      const client = new ApiClient(harness.url);
      const answer = await client.login(user);
      if (answer.status !== 200)
        throw new Error(`login as ${user} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      return client;
    },
  };
  return harness;
}

/** Waits until the API's cache holds the Template `name` of `namespace` (applied just before). */
export async function templateSeen(h: ApiHarness, namespace: string, name: string): Promise<void> {
  await waitFor(() => h.api.context.cluster.templates.store.get(`${namespace}/${name}`), {
    what: `Template ${namespace}/${name} in the API's cache`,
  });
}

/** Launches `template` as `user` through the API, waits until the API's cache holds it; its name. */
export async function launched(h: ApiHarness, user: TestUser, template: string): Promise<string> {
  const created = await (await h.as(user)).post<{ name: string }>("/api/v1/sessions", { template });
  if (created.status !== 201) throw new Error(`launching ${template} as ${user}: ${created.status}`);
  const name = created.body.name;
  await waitFor(() => h.api.context.cluster.session(name), { what: `Session ${name} in the API's cache` });
  return name;
}
