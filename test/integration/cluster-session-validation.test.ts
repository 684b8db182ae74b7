// The API server itself (CRD openAPIV3Schema from dist/crds) rejects an invalid Session and names
// the offending fields, whichever client sends it.
import { ApiException, CustomObjectsApi } from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import { apiClientConfig, kubectl, useNamespace } from "../support/kube.js";
import { installCrds } from "../support/streamspace.js";

const ns = useNamespace("session-validation");

const invalidSession = {
  apiVersion: "stream.streamspace.io/v1alpha1",
  kind: "Session",
  metadata: { name: "bad" },
  // spec.user is missing and spec.state is not one of running | hibernated | terminated.
  spec: { template: "firefox", state: "paused" },
};

describe("Session validation by the API server", () => {
  beforeAll(installCrds);

  it("rejects a wrong spec.state and a missing spec.user, naming both fields (kubectl)", async () => {
    const res = await kubectl(["apply", "--server-side", "-n", ns.name, "-f", "-"], {
      input: JSON.stringify(invalidSession),
      allowFailure: true,
    });
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toContain('Session "bad" is invalid');
    expect(res.stderr).toMatch(/spec\.state: Unsupported value: "paused"/);
    expect(res.stderr).toMatch(/spec\.user: Required value/);

    const get = await kubectl(["get", "ss", "bad", "-n", ns.name], { allowFailure: true });
    expect(get.stderr).toContain("NotFound");
  });

  it("answers 422 with the field names in the causes (API client)", async () => {
    const api = apiClientConfig().makeApiClient(CustomObjectsApi);
    const err = await api
      .createNamespacedCustomObject({
        group: "stream.streamspace.io",
        version: "v1alpha1",
        namespace: ns.name,
        plural: "sessions",
        body: invalidSession,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ApiException);
    const e = err as ApiException<string>;
    expect(e.code).toBe(422);
    const body = JSON.parse(e.body) as { details?: { causes?: { field?: string }[] } };
    const fields = body.details?.causes?.map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(["spec.state", "spec.user"]));
  });
});
