import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { scratchCap } from "../../../constructs/session/resources.js";
import { parseDuration } from "../../api/durations.js";
import type { Session } from "../../api/generated/types.js";
import { LAST_ACTIVITY_ANNOTATION, USER_GROUPS_ANNOTATION } from "../../api/labels.js";
import { parseQuantity } from "../../api/quantity.js";
import { GROUP_VERSION } from "../../api/schemas/index.js";
import { KubeApiError } from "../../core/kube-http.js";
import type { ApiContext } from "../context.js";
import { HttpError, notFound } from "../errors.js";
import type { RecentLaunches } from "../recent-launches.js";
import { errors, nameParams, sessionCreateBody, sessionView as sessionSchema } from "../schemas.js";
import { readSettings } from "../settings.js";
import { sessionView, sessionViewJson } from "../views.js";

type CreateBody = {
  template: string;
  resources?: Session["spec"]["resources"];
  tags?: string[];
  idleTimeout?: string;
};
type Filters = { user?: string; phase?: string; template?: string; state?: string };

const ownFilters = {
  phase: { type: "string", enum: ["Pending", "Running", "Hibernated", "Failed", "Terminated"] },
  template: { type: "string", maxLength: 63 },
  state: { type: "string", enum: ["running", "hibernated", "terminated"] },
};
const ownQuery = { type: "object", additionalProperties: false, properties: ownFilters };
const filterQuery = {
  type: "object",
  additionalProperties: false,
  properties: { user: { type: "string", maxLength: 253 }, ...ownFilters },
};

const listSchema = { type: "array", items: sessionSchema };

function matches(s: Session, f: Filters): boolean {
  return (
    (f.user === undefined || s.spec.user === f.user) &&
    (f.phase === undefined || (s.status?.phase ?? "Pending") === f.phase) &&
    (f.template === undefined || s.spec.template === f.template) &&
    (f.state === undefined || (s.spec.state ?? "running") === f.state)
  );
}

/** Sessions on the caller's behalf. Another user's Session is a 404, never a 403: no existence leak. */
export async function sessionRoutes(
  app: FastifyInstance,
  ctx: ApiContext,
  recentLaunches: RecentLaunches,
): Promise<void> {
  const { cluster } = ctx;
  // Oldest first, then by name; plain code-unit order (timestamps and names are ASCII), which is many
  // times cheaper than localeCompare on every list request.
  // Each key is built once per list, not twice per comparison.
  const sorted = (list: Session[]) =>
    list
      .map((s) => ({ s, key: `${s.metadata?.creationTimestamp ?? ""} ${s.metadata?.name ?? ""}` }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((k) => k.s);
  /** A list as a JSON body, from each Session's cached JSON: lists are the API's hottest path. */
  const listReply = (reply: FastifyReply, list: Session[]) =>
    reply.type("application/json; charset=utf-8").send(`[${sorted(list).map(sessionViewJson).join(",")}]`);

  /** The caller's Session by name (any Session for an admin), or 404. */
  function visible(request: FastifyRequest<{ Params: { name: string } }>): Session {
    const s = cluster.session(request.params.name);
    const user = request.user;
    if (!s || !user || (s.spec.user !== user.name && !user.admin))
      throw notFound(`session ${request.params.name}`);
    return s;
  }

  async function changeState(name: string, state: "running" | "hibernated" | "terminated"): Promise<Session> {
    const patch = {
      spec: { state },
      // Waking records activity, so an idle-hibernated Session is not put straight back to sleep.
      ...(state === "running"
        ? { metadata: { annotations: { [LAST_ACTIVITY_ANNOTATION]: new Date().toISOString() } } }
        : {}),
    };
    try {
      return await cluster.mergePatch<Session>("Session", name, patch);
    } catch (error) {
      if (error instanceof KubeApiError && error.statusCode === 404) throw notFound(`session ${name}`);
      throw error;
    }
  }

  app.get<{ Querystring: Omit<Filters, "user"> }>(
    "/api/v1/sessions",
    {
      config: { access: "user" },
      schema: {
        tags: ["sessions"],
        summary: "The caller's Sessions",
        querystring: ownQuery,
        response: { 200: listSchema, ...errors(400, 401) },
      },
    },
    async (request, reply) => {
      const mine = cluster.sessions.store.byIndex("user", request.user?.name ?? "");
      return listReply(
        reply,
        mine.filter((s) => matches(s, request.query)),
      );
    },
  );

  app.get<{ Querystring: Filters }>(
    "/api/v1/admin/sessions",
    {
      config: { access: "admin" },
      schema: {
        tags: ["sessions", "admin"],
        summary: "Every user's Sessions, filtered",
        querystring: filterQuery,
        response: { 200: listSchema, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      listReply(
        reply,
        cluster.sessions.store.list().filter((s) => matches(s, request.query)),
      ),
  );

  app.post<{ Body: CreateBody }>(
    "/api/v1/sessions",
    {
      config: { access: "user" },
      schema: {
        tags: ["sessions"],
        summary: "Launch a Template as a Session owned by the caller",
        body: sessionCreateBody,
        response: { 201: sessionSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new HttpError(401, "log in first");
      const { template, resources, tags, idleTimeout } = request.body;
      // A Template the caller may not launch is refused exactly as an unknown one: no existence leak.
      const found = cluster.template(template, user);
      if (!found)
        throw new HttpError(422, `template ${template} does not exist`, [
          {
            field: "template",
            message: `no Template named ${template}; list them with GET /api/v1/templates`,
          },
        ]);
      // The reconciler would cap it anyway; saying so here beats a session with less than it asked for.
      const scratch = resources?.limits?.["ephemeral-storage"];
      const cap = scratchCap(found.spec.defaultResources, ctx.config.sessions);
      if (scratch !== undefined && parseQuantity(scratch) > parseQuantity(cap))
        throw new HttpError(
          422,
          `resources.limits.ephemeral-storage ${scratch} is beyond what ${template} allows`,
          [
            {
              field: "resources.limits.ephemeral-storage",
              message: `must be at most ${cap}, the scratch space of template ${template}`,
            },
          ],
        );
      if (idleTimeout !== undefined) {
        const { maxIdleTimeout } = await readSettings(ctx.db);
        const asked = parseDuration(idleTimeout);
        if (asked === 0 || asked > parseDuration(maxIdleTimeout))
          throw new HttpError(422, `idleTimeout ${idleTimeout} is beyond the platform's limit`, [
            { field: "idleTimeout", message: `must be more than 0 and at most ${maxIdleTimeout}` },
          ]);
      }
      const body: Session = {
        apiVersion: GROUP_VERSION,
        kind: "Session",
        metadata: {
          generateName: `${template.slice(0, 40)}-`,
          namespace: cluster.namespace,
          annotations: { [USER_GROUPS_ANNOTATION]: JSON.stringify([...user.groups].sort()) },
        } as Session["metadata"],
        spec: {
          // From the login, never the body: the body's schema has no user field at all.
          user: user.name,
          template,
          ...(resources ? { resources } : {}),
          ...(tags ? { tags } : {}),
          ...(idleTimeout ? { idleTimeout } : {}),
        },
      };
      const created = await cluster.create<Session>("Session", body);
      request.audit = { target: created.metadata?.name ?? "" };
      recentLaunches.record(user.id, template);
      return reply.code(201).send(sessionView(created));
    },
  );

  app.get<{ Params: { name: string } }>(
    "/api/v1/sessions/:name",
    {
      config: { access: "user" },
      schema: {
        tags: ["sessions"],
        summary: "One of the caller's Sessions",
        params: nameParams,
        response: { 200: sessionSchema, ...errors(401, 404) },
      },
    },
    async (request) => sessionView(visible(request)),
  );

  for (const [action, state, summary] of [
    ["hibernate", "hibernated", "Scale the Session to zero, keeping its home"],
    ["wake", "running", "Run a hibernated Session again"],
    ["terminate", "terminated", "End the Session; its home volume is kept"],
  ] as const) {
    app.post<{ Params: { name: string } }>(
      `/api/v1/sessions/:name/${action}`,
      {
        config: { access: "user" },
        schema: {
          tags: ["sessions"],
          summary,
          params: nameParams,
          response: { 200: sessionSchema, ...errors(401, 403, 404) },
        },
      },
      async (request) => sessionView(await changeState(visible(request).metadata?.name ?? "", state)),
    );
  }

  app.get<{ Params: { name: string } }>(
    "/api/v1/sessions/:name/events",
    {
      config: { access: "user" },
      schema: {
        tags: ["sessions"],
        summary: "What happened to the Session (its Kubernetes Events), oldest first",
        params: nameParams,
        response: {
          200: {
            type: "array",
            items: {
              type: "object",
              properties: {
                time: { type: "string" },
                type: { type: "string" },
                reason: { type: "string" },
                note: { type: "string" },
              },
            },
          },
          ...errors(401, 404),
        },
      },
    },
    async (request) => {
      const s = visible(request);
      type Ev = {
        eventTime?: string;
        deprecatedLastTimestamp?: string;
        metadata?: { creationTimestamp?: string };
        type?: string;
        reason?: string;
        note?: string;
      };
      const list = await cluster.request<{ items: Ev[] }>(
        `/apis/events.k8s.io/v1/namespaces/${encodeURIComponent(cluster.namespace)}/events`,
        {
          query: { fieldSelector: `regarding.kind=Session,regarding.name=${s.metadata?.name ?? ""}` },
        },
      );
      return list.items
        .map((e) => ({
          time: e.eventTime ?? e.deprecatedLastTimestamp ?? e.metadata?.creationTimestamp ?? "",
          type: e.type ?? "",
          reason: e.reason ?? "",
          note: e.note ?? "",
        }))
        .sort((a, b) => a.time.localeCompare(b.time));
    },
  );

  app.get<{ Params: { name: string } }>(
    "/api/v1/users/:name/sessions",
    {
      config: { access: "admin" },
      schema: {
        tags: ["users", "admin"],
        summary: "A user's Sessions",
        params: nameParams,
        response: { 200: listSchema, ...errors(401, 403) },
      },
    },
    async (request, reply) => listReply(reply, cluster.sessions.store.byIndex("user", request.params.name)),
  );
}
