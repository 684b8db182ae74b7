// Another user's session is invisible on the portal: not in their "My sessions", and its viewer URL
// typed by hand shows nothing of it.
import { expect, test } from "vitest";
import { usePortal } from "../support/portal.js";
import { apply, desktopTemplate, waitForSession } from "../support/streamspace.js";

const portal = usePortal("ui-other-user-cannot-see-session", async (ns) => {
  await apply(desktopTemplate(ns, "firefox", { displayName: "Firefox" }));
});

test("bob sees neither alice's session in his list nor its viewer by direct URL", async () => {
  const alice = await portal.api.as("alice");
  const created = await alice.post<{ name: string }>("/api/v1/sessions", { template: "firefox" });
  expect(created.status).toBe(201);
  const name = created.body.name;
  await waitForSession(portal.namespace, name, (s) => s.status?.phase === "Running", "Running");

  const owner = await portal.newPage("alice");
  await portal.signIn(owner, "alice");
  await owner.goto(`${portal.api.url}/sessions`);
  await owner
    .getByRole("row", { name: new RegExp(name) })
    .getByRole("button", { name: "Open" })
    .waitFor();

  const page = await portal.newPage("bob");
  await portal.signIn(page, "bob");
  await page.getByRole("link", { name: "My sessions" }).click();
  await page.getByText("You have no sessions.").waitFor();
  await expect(page.getByText(name).count()).resolves.toBe(0);
  await portal.screenshot(page, "bob-my-sessions");

  await page.goto(`${portal.api.url}/sessions/${name}`);
  await page.getByRole("heading", { name: "Session not found" }).waitFor();
  await expect(page.locator("iframe").count()).resolves.toBe(0);
  await expect(page.getByRole("button", { name: "Open" }).count()).resolves.toBe(0);
  await portal.screenshot(page, "bob-direct-url");
}, 120_000);
