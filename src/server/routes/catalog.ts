import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ApiContext } from "../context.js";
import { HttpError, notFound } from "../errors.js";
import type { RecentLaunches } from "../recent-launches.js";
import { anyObject, errors, nameParams } from "../schemas.js";
import { templateSummary } from "../views.js";

const summary = {
  type: "object",
  properties: {
    name: { type: "string" },
    displayName: { type: "string" },
    description: { type: "string" },
    category: { type: "string" },
    tags: { type: "array", items: { type: "string" } },
    icon: { type: "string" },
    appType: { type: "string" },
    favorite: { type: "boolean" },
    valid: { type: "boolean" },
    reason: { type: "string" },
    message: { type: "string" },
  },
};

type CatalogQuery = { q?: string; category?: string; tag?: string };

/**
 * The catalog: Templates from the informer cache, with the caller's favorites and recent launches. Only
 * the Templates the caller may launch (their repository's visibility): any other is as unknown as one
 * that does not exist.
 */
export async function catalogRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  recentLaunches: RecentLaunches,
): Promise<void> {
  const { cluster, db } = ctx;
  const caller = (request: FastifyRequest) => {
    if (!request.user) throw new HttpError(401, "log in first");
    return request.user;
  };
  const templates = (request: FastifyRequest) => cluster.visibleTemplates(caller(request));
  const visible = (request: FastifyRequest, name: string) => cluster.template(name, caller(request));
  const favoritesOf = async (userId: number) =>
    new Set(
      (
        await db.query<{ template: string }>("SELECT template FROM favorites WHERE user_id = $1", [userId])
      ).map((r) => r.template),
    );

  app.get<{ Querystring: CatalogQuery }>(
    "/api/v1/templates",
    {
      config: { access: "user" },
      schema: {
        tags: ["catalog"],
        summary: "Templates, searched by text and filtered by category and tag",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            q: {
              type: "string",
              maxLength: 200,
              description: "Text in the name, display name, description or tags",
            },
            category: { type: "string", maxLength: 100 },
            tag: { type: "string", maxLength: 63 },
          },
        },
        response: { 200: { type: "array", items: summary }, ...errors(400, 401) },
      },
    },
    async (request) => {
      const favorites = await favoritesOf(request.user?.id ?? -1);
      const { q, category, tag } = request.query;
      const needle = q?.toLowerCase();
      return templates(request)
        .filter((t) => category === undefined || t.spec.category === category)
        .filter((t) => tag === undefined || (t.spec.tags ?? []).includes(tag))
        .filter(
          (t) =>
            needle === undefined ||
            [
              t.metadata?.name ?? "",
              t.spec.displayName,
              t.spec.description ?? "",
              ...(t.spec.tags ?? []),
            ].some((f) => f.toLowerCase().includes(needle)),
        )
        .map((t) => templateSummary(t, favorites.has(t.metadata?.name ?? "")));
    },
  );

  app.get(
    "/api/v1/catalog/categories",
    {
      config: { access: "user" },
      schema: {
        tags: ["catalog"],
        summary: "Categories with how many Templates each has",
        response: {
          200: {
            type: "array",
            items: { type: "object", properties: { name: { type: "string" }, count: { type: "integer" } } },
          },
          ...errors(401),
        },
      },
    },
    async (request) => {
      const counts = new Map<string, number>();
      for (const t of templates(request))
        counts.set(t.spec.category ?? "", (counts.get(t.spec.category ?? "") ?? 0) + 1);
      return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => ({ name, count }));
    },
  );

  app.get<{ Params: { name: string } }>(
    "/api/v1/templates/:name",
    {
      config: { access: "user" },
      schema: {
        tags: ["catalog"],
        summary: "A Template: its summary, whether it is valid (and why not), and its whole spec",
        params: nameParams,
        response: {
          200: { type: "object", properties: { ...summary.properties, spec: anyObject, source: anyObject } },
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const t = visible(request, request.params.name);
      if (!t) throw notFound(`template ${request.params.name}`);
      const favorites = await favoritesOf(request.user?.id ?? -1);
      const annotations = t.metadata?.annotations ?? {};
      return {
        ...templateSummary(t, favorites.has(request.params.name)),
        spec: t.spec,
        source: {
          path: annotations["streamspace.io/source-path"] ?? null,
          commit: annotations["streamspace.io/source-commit"] ?? null,
        },
      };
    },
  );

  app.put<{ Params: { name: string } }>(
    "/api/v1/templates/:name/favorite",
    {
      config: { access: "user" },
      schema: {
        tags: ["catalog"],
        summary: "Star a Template",
        params: nameParams,
        response: { 204: { type: "null" }, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      if (!visible(request, request.params.name)) throw notFound(`template ${request.params.name}`);
      await db.query("INSERT INTO favorites (user_id, template) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
        request.user?.id,
        request.params.name,
      ]);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: { name: string } }>(
    "/api/v1/templates/:name/favorite",
    {
      config: { access: "user" },
      schema: {
        tags: ["catalog"],
        summary: "Unstar a Template",
        params: nameParams,
        response: { 204: { type: "null" }, ...errors(401, 403) },
      },
    },
    async (request, reply) => {
      await db.query("DELETE FROM favorites WHERE user_id = $1 AND template = $2", [
        request.user?.id,
        request.params.name,
      ]);
      return reply.code(204).send();
    },
  );

  for (const [path, templatesOf, what] of [
    [
      "/api/v1/catalog/favorites",
      async (userId: number) =>
        (
          await db.query<{ template: string }>(
            "SELECT template FROM favorites WHERE user_id = $1 ORDER BY created_at DESC, template",
            [userId],
          )
        ).map((r) => r.template),
      "The caller's starred Templates",
    ],
    [
      "/api/v1/catalog/recent",
      (userId: number) => recentLaunches.of(userId),
      "Templates the caller launched lately, newest first",
    ],
  ] as const) {
    app.get(
      path,
      {
        config: { access: "user" },
        schema: {
          tags: ["catalog"],
          summary: what,
          response: { 200: { type: "array", items: summary }, ...errors(401) },
        },
      },
      async (request) => {
        const userId = caller(request).id;
        const favorites = await favoritesOf(userId);
        return (await templatesOf(userId)).flatMap((name) => {
          const t = visible(request, name);
          return t ? [templateSummary(t, favorites.has(name))] : [];
        });
      },
    );
  }
}
