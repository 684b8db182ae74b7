// A repository's visibility decides who sees its Templates: a user sees, and may launch, only the
// Templates of public repositories and of those naming them or one of their groups; any other Template
// is as unknown to them as one that does not exist (404 on its page, the same 422 as an unknown name on
// launch). Admins see every Template.
import { beforeAll, describe, expect, it } from "vitest";
import { REPOSITORY_LABEL } from "../../src/api/labels.js";
import { useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { useNamespace, waitFor } from "../support/kube.js";
import { apply, desktopTemplate } from "../support/streamspace.js";

type Summary = { name: string };

const REPOSITORIES = {
  everyone: undefined,
  designers: { public: false, groups: ["designers"] },
  "bob-only": { public: false, users: ["bob"] },
};

describe("catalog visibility from the TemplateRepository", () => {
  const ns = useNamespace("api-vis");
  const h = useApi(() => ns.name, ENGINES[0] as (typeof ENGINES)[number]);

  beforeAll(async () => {
    for (const [repo, visibility] of Object.entries(REPOSITORIES)) {
      await apply({
        apiVersion: "stream.streamspace.io/v1alpha1",
        kind: "TemplateRepository",
        metadata: { name: repo, namespace: ns.name },
        spec: { url: `https://git.example.invalid/${repo}.git`, ...(visibility ? { visibility } : {}) },
      });
      const template = desktopTemplate(ns.name, `app-${repo}`);
      await apply({ ...template, metadata: { ...template.metadata, labels: { [REPOSITORY_LABEL]: repo } } });
    }
    await apply(desktopTemplate(ns.name, "hand-made"));
    const root = await h.as("root");
    expect((await root.request("PUT", "/api/v1/groups/designers", { members: ["alice"] })).status).toBe(200);
    await waitFor(
      async () => (await root.get<Summary[]>("/api/v1/templates")).body.length === 4 || undefined,
      {
        what: "the API's caches to hold the four Templates",
      },
    );
  });

  it("lists for each user the Templates their repositories' visibility grants them", async () => {
    const names = async (user: "alice" | "bob" | "root") =>
      (await (await h.as(user)).get<Summary[]>("/api/v1/templates")).body.map((t) => t.name);
    expect(await names("alice")).toEqual(["app-designers", "app-everyone", "hand-made"]);
    expect(await names("bob")).toEqual(["app-bob-only", "app-everyone", "hand-made"]);
    expect(await names("root")).toEqual(["app-bob-only", "app-designers", "app-everyone", "hand-made"]);
  });

  it("hides another group's Template as if it did not exist, and refuses to launch it", async () => {
    const bob = await h.as("bob");
    expect((await bob.get("/api/v1/templates/app-designers")).status).toBe(404);
    expect((await bob.request("PUT", "/api/v1/templates/app-designers/favorite")).status).toBe(404);
    const hidden = await bob.post<{ error: string }>("/api/v1/sessions", { template: "app-designers" });
    const unknown = await bob.post<{ error: string }>("/api/v1/sessions", { template: "app-nowhere" });
    expect(hidden.status).toBe(422);
    expect(hidden.body.error).toBe("template app-designers does not exist");
    expect(unknown.body.error).toBe("template app-nowhere does not exist");
  });

  it("launches a Template the caller's group may see", async () => {
    const alice = await h.as("alice");
    const created = await alice.post<{ template: string; user: string }>("/api/v1/sessions", {
      template: "app-designers",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ template: "app-designers", user: "alice" });
  });
});
