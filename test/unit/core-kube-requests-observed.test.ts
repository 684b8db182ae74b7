/**
 * Every request the reconciler makes is counted by verb and resource with its status, so a benchmark
 * or an operator can see what a Session costs the API server and when the server pushes back (429).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { kubeRequest, observeRequests, type RequestRecord } from "../../src/core/kube-http.js";
import { loopbackApiServer } from "../support/loopback-apiserver.js";

let server: Awaited<ReturnType<typeof loopbackApiServer>>;

beforeAll(async () => {
  server = await loopbackApiServer((req, res) => {
    const throttled = req.url?.includes("/events");
    res.writeHead(throttled ? 429 : 200, { "content-type": "application/json" });
    res.end(throttled ? '{"kind":"Status","reason":"TooManyRequests","message":"slow down"}' : "{}");
  });
});

afterAll(() => server.close());

test("requests are told to observers by verb, resource with subresource, and status", async () => {
  const seen: RequestRecord[] = [];
  const stop = observeRequests((r) => seen.push(r));
  const ns = "/apis/stream.streamspace.io/v1alpha1/namespaces/team";
  await kubeRequest(server.kc, `${ns}/sessions/s-1/status`, {
    method: "PATCH",
    body: {},
    contentType: "application/merge-patch+json",
  });
  await kubeRequest(server.kc, "/apis/apps/v1/namespaces/team/deployments/d", {
    method: "PATCH",
    body: {},
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: "x", dryRun: "All" },
  });
  await kubeRequest(server.kc, "/api/v1/namespaces", {});
  await expect(
    kubeRequest(server.kc, "/apis/events.k8s.io/v1/namespaces/team/events", { method: "POST", body: {} }),
  ).rejects.toThrow("slow down");
  stop();
  await kubeRequest(server.kc, "/api/v1/namespaces", {});

  expect(seen.map(({ verb, resource, code }) => `${verb} ${resource} ${code}`)).toEqual([
    "PATCH sessions/status 200",
    "DRYRUN-APPLY deployments 200",
    "GET namespaces 200",
    "POST events 429",
  ]);
  expect(seen.every((r) => r.seconds >= 0 && r.seconds < 10)).toBe(true);
});
