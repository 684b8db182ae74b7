// A push notification from the git host makes the repository sync at once, if it is signed with the
// repository's webhook secret.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { TestRepo } from "../support/git-server.js";
import { names, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();
let hooks: http.Server;
let endpoint: string;
let repo: TestRepo;

beforeAll(async () => {
  hooks = http.createServer(h.current.sync.webhookHandler);
  await new Promise<void>((resolve) => hooks.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hooks/git`;
  repo = await h.current.server.createRepo("hooked");
  await repo.write({ "a.yaml": templateYaml("alpha") }).commit();
  await h.current.secret("hook-secret", { token: "webhook-s3cret" });
  // A day between polls: only the webhook can bring a push in within this test.
  await h.current.applyRepository("hooked", {
    url: repo.url,
    interval: "24h",
    webhookSecretRef: { name: "hook-secret" },
  });
  await h.current.waitForStatus("hooked", (s) => s.phase === "Ready");
});

afterAll(() => new Promise<void>((resolve) => hooks.close(() => resolve())));

function githubPush(secret: string) {
  const body = JSON.stringify({ ref: "refs/heads/main", repository: { clone_url: repo.url } });
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  return fetch(endpoint, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-hub-signature-256": signature,
    },
  });
}

test("a badly signed push is refused with 401 and does not sync", async () => {
  const commit = await repo.write({ "b.yaml": templateYaml("beta") }).commit();
  const res = await githubPush("not-the-secret");
  expect(res.status).toBe(401);
  await new Promise((r) => setTimeout(r, 3000));
  expect((await h.current.repository("hooked")).status?.revision).not.toBe(`main@sha1:${commit}`);
  expect(names(await h.current.templates())).toEqual(["alpha"]);
});

test("a correctly signed push syncs within seconds", async () => {
  const commit = await repo.write({ "c.yaml": templateYaml("gamma") }).commit();
  const started = Date.now();
  const res = await githubPush("webhook-s3cret");
  expect(res.status).toBe(202);
  expect(await res.json()).toEqual({ triggered: [`${h.current.namespace}/hooked`] });
  await h.current.waitForStatus(
    "hooked",
    (s) => s.revision === `main@sha1:${commit}`,
    "the pushed revision",
    10_000,
  );
  expect(Date.now() - started).toBeLessThan(5000);
  expect(names(await h.current.templates())).toEqual(["alpha", "beta", "gamma"]);
});
