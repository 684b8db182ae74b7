// A Session launched through the API is owned by the caller (spec.user from the login, whatever the
// body says), becomes Running with the reconciler running, hibernates and wakes through the API, and its
// changes reach the caller's live stream, not another user's.
import { describe, expect, it } from "vitest";
import { useApi } from "../support/api.js";
import { ENGINES } from "../support/databases.js";
import { waitFor } from "../support/kube.js";
import { apply, desktopTemplate, getSession, useReconciler } from "../support/streamspace.js";

type View = { name: string; user: string; phase: string; state: string };

describe("Sessions through the API", () => {
  const ns = useReconciler("api-run", {}, (namespace) => apply(desktopTemplate(namespace, "desk")));
  const h = useApi(() => ns.name, ENGINES[0] as (typeof ENGINES)[number]);

  it("refuses a body that names the user", async () => {
    const alice = await h.as("alice");
    const answer = await alice.post<{ fields: Array<{ field: string }> }>("/api/v1/sessions", {
      template: "desk",
      user: "bob",
    });
    expect(answer.status).toBe(400);
    expect(answer.body.fields.map((f) => f.field)).toEqual(["user"]);
  });

  it("creates the caller's Session, which becomes Running, then hibernates and wakes", async () => {
    const alice = await h.as("alice");
    const bob = await h.as("bob");
    const events: string[] = [];
    const stream = await fetch(`${h.url}/api/v1/live/sessions`, { headers: { cookie: alice.cookie ?? "" } });
    const otherStream = await fetch(`${h.url}/api/v1/live/sessions`, {
      headers: { cookie: bob.cookie ?? "" },
    });
    const reader = stream.body?.getReader();
    const otherReader = otherStream.body?.getReader();
    const otherEvents: string[] = [];
    const decoder = new TextDecoder();
    void (async () => {
      for (;;) {
        const chunk = await reader?.read().catch(() => undefined);
        if (!chunk || chunk.done) return;
        events.push(decoder.decode(chunk.value));
      }
    })();
    void (async () => {
      for (;;) {
        const chunk = await otherReader?.read().catch(() => undefined);
        if (!chunk || chunk.done) return;
        otherEvents.push(decoder.decode(chunk.value));
      }
    })();

    const created = await alice.post<View>("/api/v1/sessions", { template: "desk", tags: ["demo"] });
    expect(created.status).toBe(201);
    expect(created.body.user).toBe("alice");
    const name = created.body.name;
    expect((await getSession(ns.name, name)).spec.user).toBe("alice");

    await waitFor(
      async () => (await alice.get<View>(`/api/v1/sessions/${name}`)).body.phase === "Running" || undefined,
      {
        what: "the Session to be Running",
        timeoutMs: 60_000,
      },
    );
    expect((await alice.get<View[]>("/api/v1/sessions")).body.map((s) => s.name)).toContain(name);

    expect((await alice.post(`/api/v1/sessions/${name}/hibernate`)).status).toBe(200);
    await waitFor(
      async () =>
        (await alice.get<View>(`/api/v1/sessions/${name}`)).body.phase === "Hibernated" || undefined,
      {
        what: "the Session to be Hibernated",
        timeoutMs: 60_000,
      },
    );
    expect((await alice.post(`/api/v1/sessions/${name}/wake`)).status).toBe(200);
    await waitFor(
      async () => (await alice.get<View>(`/api/v1/sessions/${name}`)).body.phase === "Running" || undefined,
      {
        what: "the Session to be Running again",
        timeoutMs: 60_000,
      },
    );

    const streamed = events.join("");
    expect(streamed).toContain(`"name":"${name}"`);
    expect(streamed).toContain('"phase":"Hibernated"');
    expect(otherEvents.join("")).not.toContain(name);
    await reader?.cancel();
    await otherReader?.cancel();

    const recent = await alice.get<Array<{ name: string }>>("/api/v1/catalog/recent");
    expect(recent.body.map((t) => t.name)).toEqual(["desk"]);
  });

  it("refuses an unknown template with 422 naming the field", async () => {
    const alice = await h.as("alice");
    const answer = await alice.post<{ fields: Array<{ field: string }> }>("/api/v1/sessions", {
      template: "no-such",
    });
    expect(answer.status).toBe(422);
    expect(answer.body.fields[0]?.field).toBe("template");
  });
});
