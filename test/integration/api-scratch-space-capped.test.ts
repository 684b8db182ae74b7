// A user cannot ask the API for more scratch space than the Template (else the platform) allows: that
// cap keeps one session from filling its node's disk. The 422 names the field and the most allowed.
import { beforeAll, describe, expect, it } from "vitest";
import { templateSeen, useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace } from "../support/kube.js";
import { apply, desktopTemplate } from "../support/streamspace.js";

type ErrorBody = { error: string; fields?: Array<{ field: string; message: string }> };

describe("scratch space asked of the API", () => {
  const ns = useNamespace("api-scratch");
  const h = useApi(() => ns.name, ENGINES[0] as (typeof ENGINES)[number], {
    config: { sessions: { ephemeralStorageLimit: "4Gi" } },
  });

  beforeAll(async () => {
    await apply(desktopTemplate(ns.name, "desk"));
    await templateSeen(h, ns.name, "desk");
  });

  it("refuses more than the platform's limit, naming the field and the most allowed", async () => {
    const alice = await h.as("alice");
    const answer = await alice.post<ErrorBody>("/api/v1/sessions", {
      template: "desk",
      resources: { limits: { "ephemeral-storage": "100Ti" } },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.fields).toEqual([
      {
        field: "resources.limits.ephemeral-storage",
        message: "must be at most 4Gi, the scratch space of template desk",
      },
    ]);
    expect((await alice.get<unknown[]>("/api/v1/sessions")).body).toEqual([]);
  });

  it("accepts less", async () => {
    const alice = await h.as("alice");
    const answer = await alice.post<{ name: string }>("/api/v1/sessions", {
      template: "desk",
      resources: { limits: { "ephemeral-storage": "1Gi" } },
    });
    expect(answer.status).toBe(201);
  });
});
