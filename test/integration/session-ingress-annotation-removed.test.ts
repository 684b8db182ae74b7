// An ingress setting switched off in the platform config (forward auth) takes its annotations off the
// Session's Ingress when the reconciler restarts with the new config.
import { afterAll, beforeAll, expect, test } from "vitest";
import type { RunningReconciler } from "../../src/reconciler/start.js";
import { kubectlJson, useNamespace, waitFor } from "../support/kube.js";
import { apply, desktopTemplate, installCrds, session, startTestReconciler } from "../support/streamspace.js";

const ns = useNamespace("ss-ingress-annotation");
let reconciler: RunningReconciler | undefined;
const AUTH_URL = "nginx.ingress.kubernetes.io/auth-url";

const ingressAnnotations = async () =>
  (
    await kubectlJson<{ metadata: { annotations?: Record<string, string> } }>([
      "get",
      "ingress",
      "ss-s1",
      "-n",
      ns.name,
    ])
  ).metadata.annotations ?? {};

beforeAll(async () => {
  await installCrds();
  reconciler = await startTestReconciler(ns.name, { ingress: { authUrl: "http://auth.example/check" } });
  await apply(desktopTemplate(ns.name, "firefox"));
  await apply(session(ns.name, "s1", { template: "firefox" }));
  await waitFor(async () => (await ingressAnnotations())[AUTH_URL], {
    what: "the Ingress with forward auth",
  });
  await reconciler.stop();
  reconciler = undefined;
});
afterAll(() => reconciler?.stop());

test("an annotation no longer configured is removed from the Ingress", async () => {
  // Forward auth is on by default (the API's session check); an empty authUrl switches it off.
  reconciler = await startTestReconciler(ns.name, { ingress: { authUrl: "" } });
  const annotations = await waitFor(
    async () => {
      const now = await ingressAnnotations();
      return now[AUTH_URL] === undefined ? now : undefined;
    },
    { what: "auth-url gone from the Ingress", timeoutMs: 15_000 },
  );
  expect(annotations["nginx.ingress.kubernetes.io/auth-response-headers"]).toBeUndefined();
  expect(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]).toBe("3600");
});
