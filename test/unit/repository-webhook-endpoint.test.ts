import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createWebhookHandler, type WebhookTarget } from "../../src/controllers/repository/webhook.js";
import { normalizeRepositoryUrl } from "../../src/git/url.js";

// The endpoint over real HTTP, with repositories given as a table instead of a cluster.
const repos: Record<string, { url: string; secret?: string }> = {
  "team-a/catalog": { url: "https://git.example.com/org/catalog.git", secret: "secret-a" },
  "team-b/catalog": { url: "https://git.example.com/org/catalog", secret: "secret-b" },
  "team-c/other": { url: "https://git.example.com/org/other.git", secret: "secret-c" },
};
const triggered: string[] = [];
let server: http.Server;
let endpoint: string;

beforeAll(async () => {
  const handler = createWebhookHandler({
    targets: (urls) =>
      Object.entries(repos)
        .filter(([, r]) => urls.includes(normalizeRepositoryUrl(r.url) ?? ""))
        .map(([key, r]): WebhookTarget => ({ key, secret: async () => r.secret })),
    trigger: async (key) => {
      triggered.push(key);
    },
    maxBodyBytes: 64 * 1024,
  });
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/git`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const push = (cloneUrl: string) =>
  JSON.stringify({
    ref: "refs/heads/main",
    repository: { clone_url: cloneUrl, html_url: cloneUrl.replace(/\.git$/, "") },
  });

async function post(body: string, headers: Record<string, string>) {
  triggered.length = 0;
  const res = await fetch(endpoint, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const github = (secret: string, body: string) => ({
  "x-github-event": "push",
  "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
});

test("a push signed with one repository's secret triggers that repository only", async () => {
  const body = push("https://git.example.com/org/catalog.git");
  const res = await post(body, github("secret-b", body));
  expect(res.status).toBe(202);
  expect(res.json.triggered).toEqual(["team-b/catalog"]);
  expect(triggered).toEqual(["team-b/catalog"]);
});

test("a bad signature is refused with 401 and triggers nothing", async () => {
  const body = push("https://git.example.com/org/catalog.git");
  const res = await post(body, github("guessed", body));
  expect(res.status).toBe(401);
  expect(triggered).toEqual([]);
});

test("a signature over another body is refused (the payload was altered)", async () => {
  const body = push("https://git.example.com/org/catalog.git");
  const res = await post(body, github("secret-a", `${body} `));
  expect(res.status).toBe(401);
  expect(triggered).toEqual([]);
});

test("an unsigned request is refused before its body is read", async () => {
  const res = await post(push("https://git.example.com/org/catalog.git"), { "x-github-event": "push" });
  expect(res.status).toBe(401);
  expect(String(res.json.error)).toContain("unsigned");
});

test("a push for a URL no repository has gets 404", async () => {
  const body = push("https://git.example.com/org/unknown.git");
  const res = await post(body, github("secret-a", body));
  expect(res.status).toBe(404);
});

test("GitLab's payload shape and token header trigger the repository", async () => {
  const body = JSON.stringify({
    object_kind: "push",
    project: { git_http_url: "https://git.example.com/org/other.git" },
  });
  const res = await post(body, { "x-gitlab-event": "Push Hook", "x-gitlab-token": "secret-c" });
  expect(res.status).toBe(202);
  expect(triggered).toEqual(["team-c/other"]);
});

test("an oversized payload gets 413; a GET gets 405", async () => {
  const big = JSON.stringify({
    repository: { clone_url: "https://git.example.com/org/catalog.git" },
    pad: "x".repeat(70_000),
  });
  expect((await post(big, github("secret-a", big))).status).toBe(413);
  expect(triggered).toEqual([]);
  expect((await fetch(endpoint)).status).toBe(405);
});
