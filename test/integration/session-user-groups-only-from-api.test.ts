// The owner's groups on a Session (streamspace.io/user-groups) raise their quota, so only the API may
// state them: its ServiceAccount in the platform's namespace. A user, or a ServiceAccount that only
// shares the API's name in some other namespace, is refused. The policy as synthesized, on a real API
// server, through real impersonation (kubectl --as).
import { App, Chart } from "cdk8s";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserGroupsPolicy } from "../../constructs/platform/user-groups-policy.js";
import { USER_GROUPS_ANNOTATION } from "../../src/api/labels.js";
import { kubectl, useNamespace, waitFor } from "../support/kube.js";
import { installCrds, session } from "../support/streamspace.js";

const ns = useNamespace("user-groups");
/** The platform's namespace as the policy knows it; the API's account is impersonated there. */
const platform = "streamspace";
const api = `system:serviceaccount:${platform}:streamspace-api`;
const impostor = `system:serviceaccount:${ns.name}:streamspace-api`;

/** The policy and its binding, renamed for this test so that it never meets a chart's copy. */
function policyObjects(): unknown[] {
  const chart = new Chart(new App(), "test");
  new UserGroupsPolicy(chart, "UserGroupsPolicy", { sessionNamespace: ns.name, platformNamespace: platform });
  const name = `${ns.name}-user-groups`;
  return chart
    .toJson()
    .map((o: { kind: string; metadata: { name: string }; spec: { policyName?: string } }) => {
      o.metadata.name = name;
      if (o.kind === "ValidatingAdmissionPolicyBinding") o.spec.policyName = name;
      return o;
    });
}

/** A Session whose owner's groups are stated, created as `user` (in `groups`). */
function create(user: string, groups: string[], name: string) {
  const object = session(ns.name, name, { user, template: "firefox" });
  object.metadata = { ...object.metadata, annotations: { [USER_GROUPS_ANNOTATION]: '["designers"]' } };
  return kubectl(
    [`--as=${user}`, ...groups.map((g) => `--as-group=${g}`), "create", "-n", ns.name, "-f", "-"],
    { allowFailure: true, input: JSON.stringify(object) },
  );
}

const serviceAccountGroups = (namespace: string) => [
  "system:serviceaccounts",
  `system:serviceaccounts:${namespace}`,
];

describe("only the API states a Session owner's groups", () => {
  afterAll(async () => {
    const name = `${ns.name}-user-groups`;
    await kubectl([
      "delete",
      "validatingadmissionpolicybinding,validatingadmissionpolicy",
      name,
      "--ignore-not-found",
    ]);
  });

  beforeAll(async () => {
    await installCrds();
    await kubectl(["apply", "-f", "-"], {
      input: JSON.stringify({ kind: "List", apiVersion: "v1", items: policyObjects() }),
    });
    await kubectl([
      "create",
      "role",
      "sessions-create",
      "-n",
      ns.name,
      "--verb=get,create",
      "--resource=sessions.stream.streamspace.io",
    ]);
    await kubectl([
      "create",
      "rolebinding",
      "sessions-create",
      "-n",
      ns.name,
      "--role=sessions-create",
      "--group=system:authenticated",
    ]);
    // The API server picks up a policy applied a moment ago through its informers: wait for it.
    await waitFor(
      async () =>
        (await create("alice", [], "probe")).stderr.includes("only the StreamSpace API may set") || undefined,
      { what: "the user-groups policy in force" },
    );
  });

  it("refuses a user who states their own groups", async () => {
    const res = await create("alice", [], "alice-groups");
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toContain(`only the StreamSpace API may set the ${USER_GROUPS_ANNOTATION} annotation`);
  });

  it("refuses a ServiceAccount named like the API's in another namespace", async () => {
    const res = await create(impostor, serviceAccountGroups(ns.name), "impostor-groups");
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toContain(`only the StreamSpace API may set the ${USER_GROUPS_ANNOTATION} annotation`);
  });

  it("accepts the API's ServiceAccount in the platform's namespace", async () => {
    const res = await create(api, serviceAccountGroups(platform), "api-groups");
    expect(res.stderr).toBe("");
    expect(res.exitCode).toBe(0);
  });
});
