// A Session's spec.user mounts that user's home and counts against their quota. The API server's
// admission policy (dist/crds) lets people create and change Sessions only for themselves (bob
// cannot run a session as alice), keeps spec.user immutable, and lets the platform's service
// accounts and the admin group act for anyone. Real impersonation (kubectl --as) on a real API server.
import { beforeAll, describe, expect, it } from "vitest";
import { kubectl, useNamespace, waitFor } from "../support/kube.js";
import { installCrds, session } from "../support/streamspace.js";

const ns = useNamespace("session-owner");

/** kubectl as another user (and groups), through the API server's impersonation. */
function as(user: string, groups: string[], args: string[], input?: unknown) {
  const identity = [`--as=${user}`, ...groups.map((g) => `--as-group=${g}`)];
  return kubectl([...identity, ...args, "-n", ns.name], {
    allowFailure: true,
    ...(input === undefined ? {} : { input: JSON.stringify(input) }),
  });
}

const create = (user: string, groups: string[], name: string, owner: string) =>
  as(user, groups, ["create", "-f", "-"], session(ns.name, name, { user: owner, template: "firefox" }));

describe("spec.user is the requesting user", () => {
  beforeAll(async () => {
    await installCrds();
    // Everyone here may edit Sessions in the namespace: RBAC alone does not say whose they are.
    await kubectl([
      "create",
      "role",
      "sessions-edit",
      "-n",
      ns.name,
      "--verb=get,create,update,patch",
      "--resource=sessions.stream.streamspace.io",
    ]);
    await kubectl([
      "create",
      "rolebinding",
      "sessions-edit",
      "-n",
      ns.name,
      "--role=sessions-edit",
      "--group=system:authenticated",
    ]);
    // The API server picks up a policy applied a moment ago through its informers: wait for it.
    const dryRun = () =>
      as(
        "bob",
        [],
        ["create", "--dry-run=server", "-f", "-"],
        session(ns.name, "probe", { user: "alice", template: "firefox" }),
      );
    await waitFor(async () => (await dryRun()).stderr.includes("spec.user must be your own") || undefined, {
      what: "the admission policy in force",
    });
  });

  it("refuses bob's Session for alice, naming spec.user", async () => {
    const res = await create("bob", [], "bob-as-alice", "alice");
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toContain("spec.user must be your own user name (bob)");
    const get = await kubectl(["get", "session", "bob-as-alice", "-n", ns.name], { allowFailure: true });
    expect(get.stderr).toContain("NotFound");
  });

  it("accepts bob's Session for bob, and refuses changing its spec.user to alice", async () => {
    expect((await create("bob", [], "bob-own", "bob")).exitCode).toBe(0);
    const patch = await as(
      "bob",
      [],
      ["patch", "session", "bob-own", "--type=merge", "-p", '{"spec":{"user":"alice"}}'],
    );
    expect(patch.exitCode).not.toBe(0);
    expect(patch.stderr).toContain("spec.user is immutable (it was bob)");
  });

  it("refuses that an admin changes spec.user too: it is immutable for everyone", async () => {
    const patch = await as(
      "carol",
      ["streamspace:admins"],
      ["patch", "session", "bob-own", "--type=merge", "-p", '{"spec":{"user":"alice"}}'],
    );
    expect(patch.exitCode).not.toBe(0);
    expect(patch.stderr).toContain("spec.user is immutable");
  });

  it("lets a member of the admin group and the platform's service account act for alice", async () => {
    expect((await create("carol", ["streamspace:admins"], "admin-for-alice", "alice")).stderr).toBe("");
    const platform = "system:serviceaccount:streamspace-system:streamspace-reconciler";
    await kubectl([
      "create",
      "rolebinding",
      "platform-sessions",
      "-n",
      ns.name,
      "--role=sessions-edit",
      `--user=${platform}`,
    ]);
    expect((await create(platform, [], "platform-for-alice", "alice")).stderr).toBe("");
  });

  it("refuses a service account of another namespace acting for alice", async () => {
    const res = await create(`system:serviceaccount:${ns.name}:default`, [], "sa-for-alice", "alice");
    expect(res.exitCode).not.toBe(0);
    expect(res.stderr).toContain("spec.user must be your own user name");
  });
});
