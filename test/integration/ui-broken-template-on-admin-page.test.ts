// A template file that fails validation in a repository is shown as invalid on the admin Templates page,
// naming its file and the field at fault.
import { afterAll, beforeAll, test } from "vitest";
import { type GitServer, startGitServer } from "../support/git-server.js";
import { kubectl, kubectlJson, waitFor } from "../support/kube.js";
import { usePortal } from "../support/portal.js";
import { templateYaml } from "./repository-harness.js";

let server: GitServer;
beforeAll(async () => {
  server = await startGitServer();
});
afterAll(() => server?.stop());

const portal = usePortal("ui-broken-template-on-admin-page");

test("the admin Templates page lists the broken file with its field, next to the valid template", async () => {
  const repo = await server.createRepo("team");
  await repo
    .write({
      "templates/firefox.yaml": templateYaml("firefox", { displayName: "Firefox" }),
      "templates/gimp.yaml": templateYaml("gimp").replace("appType: desktop", "appType: spreadsheet"),
    })
    .commit("two templates, one broken");
  await kubectl(["apply", "--server-side", "-n", portal.namespace, "-f", "-"], {
    input: JSON.stringify({
      apiVersion: "stream.streamspace.io/v1alpha1",
      kind: "TemplateRepository",
      metadata: { name: "team", namespace: portal.namespace },
      spec: { url: repo.url, interval: "1h" },
    }),
  });

  await waitFor(
    async () => {
      const r = await kubectlJson<{ status?: { errors?: unknown[] } }>([
        "get",
        "templaterepository",
        "team",
        "-n",
        portal.namespace,
      ]);
      return (r.status?.errors ?? []).length > 0 ? true : undefined;
    },
    { what: "the repository's sync reports the broken file", timeoutMs: 60_000, intervalMs: 500 },
  );

  const page = await portal.newPage("root");
  await portal.signIn(page, "root");
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "Templates" }).click();
  const broken = page.getByRole("row", { name: /templates\/gimp\.yaml/ });
  await broken.getByText("spec.appType").waitFor();
  await broken.getByText("Invalid").waitFor();
  await broken.getByText("team", { exact: true }).waitFor();
  await page
    .getByRole("row", { name: /Firefox firefox/ })
    .getByText("Valid")
    .waitFor();
  await portal.screenshot(page, "admin-templates");
}, 120_000);
