/**
 * Events are best effort and must not pile onto a busy API server: a few are sent at a time from a
 * bounded backlog, and past it the newest are dropped instead of queued without end.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { EventRecorder } from "../../src/core/events.js";
import { silentLogger } from "../../src/telemetry/log.js";
import { loopbackApiServer } from "../support/loopback-apiserver.js";

let server: Awaited<ReturnType<typeof loopbackApiServer>>;
const received: string[] = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = await loopbackApiServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () =>
      setTimeout(() => {
        received.push((JSON.parse(body) as { note: string }).note);
        inFlight--;
        res.writeHead(201, { "content-type": "application/json" });
        res.end("{}");
      }, 30),
    );
  });
});

afterAll(() => server.close());

test("a burst of Events is sent two at a time, and what overflows the backlog is dropped", async () => {
  const recorder = new EventRecorder(server.kc, "test", "test-0", silentLogger, {
    concurrency: 2,
    backlog: 3,
  });
  const subject = { apiVersion: "v1", kind: "ConfigMap", namespace: "ns", name: "c" };
  for (let i = 0; i < 8; i++)
    recorder.record(subject, { type: "Normal", reason: "Test", action: "Test", note: `event ${i}` });
  expect(recorder.waiting).toBe(3);
  await expect.poll(() => received.length).toBe(5);
  await new Promise((r) => setTimeout(r, 100));
  expect(received.sort()).toEqual(["event 0", "event 1", "event 2", "event 3", "event 4"]);
  expect(maxInFlight).toBe(2);
  expect(recorder.waiting).toBe(0);
});
