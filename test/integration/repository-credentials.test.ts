// Private repositories: credentials come from the Secret named by spec.secretRef.
import { expect, test } from "vitest";
import { names, readyCondition, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness({ server: { auth: { username: "curator", password: "correct horse" } } });

test("wrong credentials → AuthenticationFailed; fixing the Secret and re-syncing → Ready", async () => {
  const repo = await h.current.server.createRepo("private");
  await repo.write({ "a.yaml": templateYaml("alpha") }).commit();
  await h.current.secret("git-creds", { username: "curator", password: "wrong" }, ["private"]);
  await h.current.applyRepository("private", {
    url: repo.url,
    secretRef: { name: "git-creds" },
    interval: "1h",
  });

  const refused = await h.current.waitForStatus("private", (s) => s.phase === "Failed");
  expect(readyCondition(refused)).toMatchObject({ status: "False", reason: "AuthenticationFailed" });
  expect(readyCondition(refused)?.message).toContain("refused the credentials from spec.secretRef");
  expect(JSON.stringify(refused)).not.toContain("wrong");
  expect(names(await h.current.templates())).toEqual([]);

  await h.current.secret("git-creds", { username: "curator", password: "correct horse" }, ["private"]);
  await h.current.requestSync("private");
  await h.current.waitForStatus("private", (s) => s.phase === "Ready");
  expect(names(await h.current.templates())).toEqual(["alpha"]);
});

test("a token Secret authenticates as a bearer token", async () => {
  h.current.server.auth = { token: "glpat-abcdef" };
  try {
    const repo = await h.current.server.createRepo("tokened");
    await repo.write({ "b.yaml": templateYaml("beta") }).commit();
    await h.current.secret("git-token", { token: "glpat-abcdef" }, ["tokened"]);
    await h.current.applyRepository("tokened", {
      url: repo.url,
      secretRef: { name: "git-token" },
      interval: "1h",
    });
    await h.current.waitForStatus("tokened", (s) => s.phase === "Ready");
    expect((await h.current.templates()).has("beta")).toBe(true);
  } finally {
    h.current.server.auth = { username: "curator", password: "correct horse" };
  }
});

test("a missing Secret is reported by name", async () => {
  await h.current.applyRepository("orphan", {
    url: `${h.current.server.url}/private.git`,
    secretRef: { name: "nope" },
  });
  const status = await h.current.waitForStatus("orphan", (s) => s.phase === "Failed");
  expect(readyCondition(status)).toMatchObject({
    reason: "AuthenticationFailed",
    message: expect.stringContaining("Secret nope"),
  });
});
