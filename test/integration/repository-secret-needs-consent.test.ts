// A TemplateRepository is no way to send the namespace's Secrets to a server of one's choice: a
// Secret is used only when it names the repository in its annotation, and the status says so,
// naming the field and the annotation, without any of the Secret's content.
import { expect, test } from "vitest";
import { ALLOWED_REPOSITORIES_ANNOTATION } from "../../src/api/labels.js";
import { names, readyCondition, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness({ server: { auth: { username: "curator", password: "correct horse" } } });

test("a Secret that does not name the repository is not used; naming it lets the sync through", async () => {
  const repo = await h.current.server.createRepo("private");
  await repo.write({ "a.yaml": templateYaml("alpha") }).commit();
  await h.current.secret("git-creds", { username: "curator", password: "correct horse" }, ["someone-else"]);
  await h.current.applyRepository("private", {
    url: repo.url,
    secretRef: { name: "git-creds" },
    interval: "1h",
  });

  const refused = await h.current.waitForStatus("private", (s) => s.phase === "Failed");
  expect(readyCondition(refused)).toMatchObject({ status: "False", reason: "AuthenticationFailed" });
  expect(readyCondition(refused)?.message).toContain("spec.secretRef");
  expect(readyCondition(refused)?.message).toContain(ALLOWED_REPOSITORIES_ANNOTATION);
  expect(JSON.stringify(refused)).not.toContain("correct horse");
  expect(names(await h.current.templates())).toEqual([]);

  await h.current.secret("git-creds", { username: "curator", password: "correct horse" }, [
    "someone-else",
    "private",
  ]);
  await h.current.requestSync("private");
  await h.current.waitForStatus("private", (s) => s.phase === "Ready");
  expect(names(await h.current.templates())).toEqual(["alpha"]);
});

test("a service-account token Secret without the annotation is refused", async () => {
  await h.current.secret("sa-token", { token: "eyJhbGciOi-not-a-real-token" });
  await h.current.applyRepository("exfiltrate", {
    url: `${h.current.server.url}/private.git`,
    secretRef: { name: "sa-token" },
  });
  const status = await h.current.waitForStatus("exfiltrate", (s) => s.phase === "Failed");
  expect(readyCondition(status)).toMatchObject({
    reason: "AuthenticationFailed",
    message: expect.stringContaining("does not allow this repository"),
  });
  expect(JSON.stringify(status)).not.toContain("eyJhbGciOi");
});
