import type { FastifyInstance } from "fastify";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../../identity/passwords.js";
import {
  createUser,
  listGroups,
  listUsers,
  setGroupMembers,
  USER_NAME_PATTERN,
  type User,
  UserExistsError,
  updateUser,
} from "../../identity/users.js";
import type { ApiContext } from "../context.js";
import { HttpError, notFound } from "../errors.js";
import { pruneAudit } from "../plugins/audit.js";
import { errors, nameParams } from "../schemas.js";
import {
  readSettings,
  type Settings,
  settingsPatchSchema,
  settingsSchema,
  writeSettings,
} from "../settings.js";

const userView = {
  type: "object",
  properties: {
    name: { type: "string" },
    displayName: { type: ["string", "null"] },
    email: { type: ["string", "null"] },
    admin: { type: "boolean" },
    disabled: { type: "boolean" },
    local: { type: "boolean", description: "Has a password (else logs in through OIDC only)" },
    groups: { type: "array", items: { type: "string" } },
    createdAt: { type: "string" },
    lastLoginAt: { type: ["string", "null"] },
  },
};

const groupView = {
  type: "object",
  properties: {
    name: { type: "string" },
    source: { type: "string" },
    members: { type: "array", items: { type: "string" } },
  },
};

const auditEntry = {
  type: "object",
  properties: {
    id: { type: "integer" },
    at: { type: "string" },
    actor: { type: ["string", "null"] },
    action: { type: "string" },
    target: { type: ["string", "null"] },
    status: { type: "integer" },
    sourceIp: { type: ["string", "null"] },
  },
};

type AuditQuery = {
  actor?: string;
  action?: string;
  target?: string;
  status?: number;
  since?: string;
  until?: string;
  before?: number;
  limit?: number;
};

/** A user as admins see it: the database id stays inside. */
const publicUser = ({ id: _id, ...rest }: User) => rest;

/** Users and groups, run-time settings and the audit log: admins only. */
export async function adminRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  const { db } = ctx;
  const admin = { access: "admin" as const };

  app.get(
    "/api/v1/users",
    {
      config: admin,
      schema: {
        tags: ["users", "admin"],
        summary: "Every user",
        response: { 200: { type: "array", items: userView }, ...errors(401, 403) },
      },
    },
    async () => (await listUsers(db)).map(publicUser),
  );

  app.post<{ Body: { name: string; password: string; admin?: boolean } }>(
    "/api/v1/users",
    {
      config: admin,
      schema: {
        tags: ["users", "admin"],
        summary: "Create a local user",
        body: {
          type: "object",
          additionalProperties: false,
          required: ["name", "password"],
          properties: {
            name: {
              type: "string",
              pattern: USER_NAME_PATTERN,
              description: "Lower-case letters, digits, '.', '_', '@' or '-', at most 64",
            },
            password: { type: "string", minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 },
            admin: { type: "boolean", default: false },
          },
        },
        response: { 201: userView, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      request.audit = { target: request.body.name };
      try {
        const user = await createUser(db, {
          name: request.body.name,
          passwordHash: await hashPassword(request.body.password),
          admin: request.body.admin ?? false,
        });
        return reply.code(201).send(publicUser(user));
      } catch (error) {
        if (error instanceof UserExistsError) throw new HttpError(409, error.message);
        throw error;
      }
    },
  );

  app.patch<{ Params: { name: string }; Body: { admin?: boolean; disabled?: boolean } }>(
    "/api/v1/users/:name",
    {
      config: admin,
      schema: {
        tags: ["users", "admin"],
        summary: "Make a user admin or not, disable or enable them",
        params: nameParams,
        body: {
          type: "object",
          additionalProperties: false,
          minProperties: 1,
          properties: { admin: { type: "boolean" }, disabled: { type: "boolean" } },
        },
        response: { 200: userView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      if (
        request.params.name === request.user?.name &&
        (request.body.admin === false || request.body.disabled === true)
      )
        throw new HttpError(409, "an admin cannot demote or disable themselves; ask another admin");
      const user = await updateUser(db, request.params.name, request.body);
      if (!user) throw notFound(`user ${request.params.name}`);
      // A disabled user's logins end at once (their cookies and tokens are refused from now on anyway).
      if (request.body.disabled) await db.query("DELETE FROM login_sessions WHERE user_id = $1", [user.id]);
      return publicUser(user);
    },
  );

  app.get(
    "/api/v1/groups",
    {
      config: admin,
      schema: {
        tags: ["users", "admin"],
        summary: "Groups and their members",
        response: { 200: { type: "array", items: groupView }, ...errors(401, 403) },
      },
    },
    async () => listGroups(db),
  );

  app.put<{ Params: { name: string }; Body: { members: string[] } }>(
    "/api/v1/groups/:name",
    {
      config: admin,
      schema: {
        tags: ["users", "admin"],
        summary: "Create a local group or set its members",
        params: nameParams,
        body: {
          type: "object",
          additionalProperties: false,
          required: ["members"],
          properties: {
            members: { type: "array", maxItems: 10_000, items: { type: "string", maxLength: 64 } },
          },
        },
        response: { 200: groupView, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) => {
      const existing = (await listGroups(db)).find((g) => g.name === request.params.name);
      if (existing?.source === "oidc")
        throw new HttpError(
          409,
          `group ${request.params.name} comes from the OIDC provider; change it there`,
        );
      await setGroupMembers(db, request.params.name, request.body.members);
      return (await listGroups(db)).find((g) => g.name === request.params.name);
    },
  );

  app.get(
    "/api/v1/settings",
    {
      config: admin,
      schema: {
        tags: ["settings", "admin"],
        summary: "Run-time platform limits",
        response: { 200: settingsSchema, ...errors(401, 403) },
      },
    },
    async () => readSettings(db),
  );

  app.patch<{ Body: Partial<Settings> }>(
    "/api/v1/settings",
    {
      config: admin,
      schema: {
        tags: ["settings", "admin"],
        summary: "Change run-time platform limits",
        body: settingsPatchSchema,
        response: { 200: settingsSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const settings = await writeSettings(db, request.body, request.user?.name ?? "");
      if (request.body.auditRetentionDays !== undefined) await pruneAudit(db, settings.auditRetentionDays);
      return settings;
    },
  );

  app.get<{ Querystring: AuditQuery }>(
    "/api/v1/audit",
    {
      config: admin,
      schema: {
        tags: ["audit", "admin"],
        summary: "State-changing requests, newest first; page with `before` (the last id seen)",
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            actor: { type: "string", maxLength: 64 },
            action: { type: "string", maxLength: 200, description: "Substring of 'METHOD /route'" },
            target: { type: "string", maxLength: 253 },
            status: { type: "integer", minimum: 100, maximum: 599 },
            since: { type: "string", format: "date-time" },
            until: { type: "string", format: "date-time" },
            before: { type: "integer", minimum: 1 },
            limit: { type: "integer", minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: { 200: { type: "array", items: auditEntry }, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query;
      // Entries of requests already answered may still be gathering for their statement.
      await app.auditLog.settled();
      // Filters are bound parameters, never spliced into the SQL.
      const rows = await db.query<{
        id: string;
        at: Date | string;
        actor: string | null;
        action: string;
        target: string | null;
        status: number;
        source_ip: string | null;
      }>(
        `SELECT id, at, actor, action, target, status, source_ip FROM audit_log
         WHERE ($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR strpos(action, $2) > 0)
           AND ($3::text IS NULL OR target = $3) AND ($4::int IS NULL OR status = $4)
           AND ($5::timestamptz IS NULL OR at >= $5) AND ($6::timestamptz IS NULL OR at < $6)
           AND ($7::bigint IS NULL OR id < $7)
         ORDER BY id DESC LIMIT $8`,
        [
          q.actor ?? null,
          q.action ?? null,
          q.target ?? null,
          q.status ?? null,
          q.since ?? null,
          q.until ?? null,
          q.before ?? null,
          q.limit ?? 100,
        ],
      );
      return rows.map((r) => ({
        id: Number(r.id),
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        action: r.action,
        target: r.target,
        status: r.status,
        sourceIp: r.source_ip,
      }));
    },
  );
}
