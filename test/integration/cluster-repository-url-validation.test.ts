// An admin who pastes a repository's ssh address is told by the API server what to use instead.
import { beforeAll, expect, it } from "vitest";
import { kubectl, useNamespace } from "../support/kube.js";
import { installCrds } from "../support/streamspace.js";

const ns = useNamespace("repository-url");

const repository = (url: string) =>
  JSON.stringify({
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "TemplateRepository",
    metadata: { name: "catalog", namespace: ns.name },
    spec: { url },
  });

beforeAll(installCrds);

it.each(["git@github.com:org/templates.git", "ssh://git@github.com/org/templates.git"])(
  "refuses %s, naming spec.url and the https address as the fix",
  async (url) => {
    const res = await kubectl(["apply", "--server-side", "-f", "-"], {
      input: repository(url),
      allowFailure: true,
    });
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toMatch(/spec\.url: Invalid value: .*must be an http\(s\) URL/);
    expect(res.stderr).toContain("use the repository's https address");
  },
);

it("accepts an https address", async () => {
  await kubectl(["apply", "--server-side", "-f", "-"], {
    input: repository("https://github.com/org/templates.git"),
  });
});
