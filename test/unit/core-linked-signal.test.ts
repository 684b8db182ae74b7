/**
 * A long-lived signal (the work queue's, the leader's, an informer's) keeps nothing of the work done
 * under it. With AbortSignal.any, Node 20 kept a WeakRef per call in the parent for the parent's whole
 * life: 58 bytes a reconcile or request, a million reconciles a day at 5,000 Sessions. (Requests:
 * core-kube-http-abort.test.ts.)
 */
import { expect, test } from "vitest";
import { linkedSignal } from "../../src/core/linked-signal.js";
import { heldBy } from "../support/signals.js";

test("the linked signal aborts with its parent's reason, and says it was not the deadline", () => {
  const parent = new AbortController();
  const link = linkedSignal([undefined, parent.signal], 60_000);
  parent.abort(new Error("stopping"));
  expect(link.signal.aborted).toBe(true);
  expect((link.signal.reason as Error).message).toBe("stopping");
  expect(link.timedOut).toBe(false);
  expect(heldBy(parent.signal)).toBe(0);
});

test("the linked signal aborts at its deadline and says so; a parent already aborted aborts it at once", async () => {
  const parent = new AbortController();
  const link = linkedSignal([parent.signal], 10);
  await new Promise((resolve) => link.signal.addEventListener("abort", resolve));
  expect(link.timedOut).toBe(true);
  expect((link.signal.reason as DOMException).name).toBe("TimeoutError");
  expect(heldBy(parent.signal)).toBe(0);

  parent.abort(new Error("gone"));
  const late = linkedSignal([parent.signal], 10);
  expect(late.signal.aborted).toBe(true);
  expect((late.signal.reason as Error).message).toBe("gone");
});

test("fifty pieces of work at once under one parent warn of no listener leak, and leave nothing on it", async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.name);
  process.on("warning", onWarning);
  try {
    const parent = new AbortController();
    const links = Array.from({ length: 50 }, () => linkedSignal([parent.signal], 60_000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([]);
    for (const link of links) link.dispose();
    expect(heldBy(parent.signal)).toBe(0);
  } finally {
    process.off("warning", onWarning);
  }
});
