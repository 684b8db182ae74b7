import type { FastifyInstance } from "fastify";
import type { Session } from "../../api/generated/types.js";
import type { ApiContext } from "../context.js";
import type { SessionBroadcaster } from "../live.js";
import { errors } from "../schemas.js";
import { sessionView } from "../views.js";

/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 25_000;

/**
 * Server-Sent Events of the caller's Sessions (an admin's: all): first each current Session as a
 * `session` event, then `session` on every change and `deleted` when one goes away.
 */
export async function liveRoutes(
  app: FastifyInstance,
  ctx: ApiContext & { broadcaster: SessionBroadcaster },
): Promise<void> {
  app.get(
    "/api/v1/live/sessions",
    {
      config: { access: "user" },
      schema: {
        tags: ["sessions"],
        summary: "Live updates of the caller's Sessions (text/event-stream): events `session` and `deleted`",
        response: { 200: { description: "An event stream", type: "string" }, ...errors(401) },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const visible = (s: Session) => user?.admin === true || s.spec.user === user?.name;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      const write = (event: string, data: unknown) =>
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const initial = user?.admin
        ? ctx.cluster.sessions.store.list()
        : ctx.cluster.sessions.store.byIndex("user", user?.name ?? "");
      for (const s of initial) write("session", sessionView(s));
      write("synced", {});
      ctx.metrics.liveStreams.inc();
      const unsubscribe = ctx.broadcaster.subscribe((change) => {
        if (!visible(change.session)) return;
        if (change.type === "delete") write("deleted", { name: change.session.metadata?.name ?? "" });
        else write("session", sessionView(change.session));
      });
      const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
      request.raw.once("close", () => {
        clearInterval(heartbeat);
        unsubscribe();
        ctx.metrics.liveStreams.dec();
      });
    },
  );
}
