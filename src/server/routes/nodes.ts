import type { FastifyInstance } from "fastify";
import type { ApiContext } from "../context.js";
import { capacityOverview } from "../node-capacity.js";
import { errors } from "../schemas.js";

const amounts = (what: string) => ({
  type: "object",
  required: ["cpu", "memory", "pods"],
  properties: {
    cpu: { type: "number", description: `${what}: CPU in cores` },
    memory: { type: "number", description: `${what}: memory in bytes` },
    pods: { type: "integer", description: `${what}: pods` },
  },
});

/** The cluster's nodes and the capacity session pods use on them: admins only. */
export async function nodeRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.get(
    "/api/v1/nodes",
    {
      config: { access: "admin" },
      schema: {
        tags: ["nodes", "admin"],
        summary: "Nodes, what they can hold, and what session pods request on each",
        response: {
          200: {
            type: "object",
            required: ["nodes", "unscheduled"],
            properties: {
              nodes: {
                type: "array",
                items: {
                  type: "object",
                  required: ["name", "ready", "unschedulable", "allocatable", "sessions"],
                  properties: {
                    name: { type: "string" },
                    ready: { type: "boolean" },
                    unschedulable: { type: "boolean" },
                    allocatable: amounts("allocatable"),
                    sessions: amounts("requested by session pods"),
                  },
                },
              },
              unscheduled: amounts("session pods not placed on a node yet"),
            },
          },
          ...errors(401, 403),
        },
      },
    },
    async () => capacityOverview(ctx.cluster),
  );
}
