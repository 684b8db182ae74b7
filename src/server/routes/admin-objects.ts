import type { FastifyInstance } from "fastify";
import type { Quota, TemplateRepository } from "../../api/generated/types.js";
import { REQUESTED_AT_ANNOTATION } from "../../api/labels.js";
import { GROUP_VERSION, type KindName } from "../../api/schemas/index.js";
import { limitsFor } from "../../controllers/session/quota.js";
import { KubeApiError } from "../../core/kube-http.js";
import type { ApiContext } from "../context.js";
import { HttpError, notFound } from "../errors.js";
import { anyObject, errors, nameParams, specSchema } from "../schemas.js";

type Obj = {
  metadata?: { name?: string; creationTimestamp?: string; annotations?: Record<string, string> };
  spec: unknown;
  status?: unknown;
};

const view = (o: Obj) => ({
  name: o.metadata?.name ?? "",
  createdAt: o.metadata?.creationTimestamp ?? "",
  spec: o.spec,
  status: o.status ?? {},
});

/** Kubernetes' answers as ours: its field errors name our fields too. */
function kubeFailure(error: unknown, what: string): never {
  if (error instanceof KubeApiError) {
    if (error.statusCode === 404) throw notFound(what);
    if (error.statusCode === 409) throw new HttpError(409, `${what} already exists or was changed meanwhile`);
    if (error.statusCode === 422) throw new HttpError(422, error.message);
  }
  throw error;
}

/** Admin CRUD of one of our kinds, with the kind's own spec schema for bodies. */
function objectRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  kind: KindName,
  base: string,
  tag: string,
): void {
  const { cluster } = ctx;
  const spec = specSchema(kind);
  const objectSchema = {
    type: "object",
    properties: { name: { type: "string" }, createdAt: { type: "string" }, spec, status: anyObject },
  };
  const createBody = {
    type: "object",
    additionalProperties: false,
    required: ["name", "spec"],
    properties: {
      name: { type: "string", pattern: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", description: "A DNS label" },
      spec,
    },
  };
  const common = { config: { access: "admin" as const } };

  app.get(
    base,
    {
      ...common,
      schema: {
        tags: [tag, "admin"],
        summary: `List ${kind}s`,
        response: { 200: { type: "array", items: objectSchema }, ...errors(401, 403) },
      },
    },
    async () => (await cluster.list<Obj>(kind)).map(view),
  );
  app.post<{ Body: { name: string; spec: unknown } }>(
    base,
    {
      ...common,
      schema: {
        tags: [tag, "admin"],
        summary: `Add a ${kind}`,
        body: createBody,
        response: { 201: objectSchema, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const body = {
        apiVersion: GROUP_VERSION,
        kind,
        metadata: { name: request.body.name, namespace: cluster.namespace },
        spec: request.body.spec,
      };
      const created = await cluster
        .create<Obj>(kind, body)
        .catch((e) => kubeFailure(e, `${kind} ${request.body.name}`));
      return reply.code(201).send(view(created));
    },
  );
  app.get<{ Params: { name: string } }>(
    `${base}/:name`,
    {
      ...common,
      schema: {
        tags: [tag, "admin"],
        summary: `One ${kind} with its status`,
        params: nameParams,
        response: { 200: objectSchema, ...errors(401, 403, 404) },
      },
    },
    async (request) =>
      view(
        await cluster
          .get<Obj>(kind, request.params.name)
          .catch((e) => kubeFailure(e, `${kind} ${request.params.name}`)),
      ),
  );
  app.put<{ Params: { name: string }; Body: { spec: unknown } }>(
    `${base}/:name`,
    {
      ...common,
      schema: {
        tags: [tag, "admin"],
        summary: `Replace a ${kind}'s spec`,
        params: nameParams,
        body: { type: "object", additionalProperties: false, required: ["spec"], properties: { spec } },
        response: { 200: objectSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const current = await cluster
        .get<Obj & { metadata: { resourceVersion?: string } }>(kind, request.params.name)
        .catch((e) => kubeFailure(e, `${kind} ${request.params.name}`));
      const replaced = {
        apiVersion: GROUP_VERSION,
        kind,
        metadata: {
          name: request.params.name,
          namespace: cluster.namespace,
          resourceVersion: current.metadata.resourceVersion,
        },
        spec: request.body.spec,
      };
      return view(
        await cluster
          .request<Obj>(cluster.path(kind, request.params.name), { method: "PUT", body: replaced })
          .catch((e) => kubeFailure(e, `${kind} ${request.params.name}`)),
      );
    },
  );
  app.delete<{ Params: { name: string } }>(
    `${base}/:name`,
    {
      ...common,
      schema: {
        tags: [tag, "admin"],
        summary: `Delete a ${kind}`,
        params: nameParams,
        response: { 204: { type: "null" }, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await cluster
        .delete(kind, request.params.name)
        .catch((e) => kubeFailure(e, `${kind} ${request.params.name}`));
      return reply.code(204).send();
    },
  );
}

/** Template repositories and Quotas, for admins. */
export async function adminObjectRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const { cluster } = ctx;
  objectRoutes(app, ctx, "TemplateRepository", "/api/v1/repositories", "repositories");
  objectRoutes(app, ctx, "Quota", "/api/v1/quotas", "quotas");

  app.post<{ Params: { name: string } }>(
    "/api/v1/repositories/:name/sync",
    {
      config: { access: "admin" },
      schema: {
        tags: ["repositories", "admin"],
        summary: "Sync the repository now instead of at its next interval",
        params: nameParams,
        response: {
          202: { type: "object", properties: { requestedAt: { type: "string" } } },
          ...errors(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const requestedAt = new Date().toISOString();
      await cluster
        .mergePatch<TemplateRepository>("TemplateRepository", request.params.name, {
          metadata: { annotations: { [REQUESTED_AT_ANNOTATION]: requestedAt } },
        })
        .catch((e) => kubeFailure(e, `TemplateRepository ${request.params.name}`));
      return reply.code(202).send({ requestedAt });
    },
  );

  app.get(
    "/api/v1/quotas/usage",
    {
      config: { access: "admin" },
      schema: {
        tags: ["quotas", "admin"],
        summary: "Each user's Sessions against the limits that apply to them",
        response: {
          200: {
            type: "array",
            items: {
              type: "object",
              properties: {
                user: { type: "string" },
                sessions: { type: "integer" },
                running: { type: "integer" },
                limits: {
                  type: "object",
                  additionalProperties: {
                    type: "object",
                    properties: { value: { type: "number" }, quota: { type: "string" } },
                  },
                },
              },
            },
          },
          ...errors(401, 403),
        },
      },
    },
    async () => {
      const quotas = await cluster.list<Quota>("Quota");
      const users = new Set(cluster.sessions.store.list().map((s) => s.spec.user));
      for (const q of quotas) if (q.spec.user) users.add(q.spec.user);
      return [...users].sort().map((user) => {
        const mine = cluster.sessions.store.byIndex("user", user);
        return {
          user,
          sessions: mine.filter((s) => (s.spec.state ?? "running") !== "terminated").length,
          running: mine.filter((s) => s.status?.phase === "Running").length,
          limits: Object.fromEntries(limitsFor(user, quotas)),
        };
      });
    },
  );
}
