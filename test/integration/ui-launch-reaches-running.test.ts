// A user signs in on the portal, finds an app in the catalog, launches it with one click and watches it
// reach Running in "My sessions", where it can be opened; the catalog then lists it as recently used.
import { expect, test } from "vitest";
import { usePortal } from "../support/portal.js";
import { apply, desktopTemplate } from "../support/streamspace.js";

const portal = usePortal("ui-launch-reaches-running", async (ns) => {
  await apply(desktopTemplate(ns, "firefox", { displayName: "Firefox", description: "The web browser" }));
  await apply(desktopTemplate(ns, "gimp", { displayName: "GIMP", category: "Graphics", tags: ["paint"] }));
});

test("sign in, launch from the catalog, and the session is Running in My sessions", async () => {
  const page = await portal.newPage("alice");
  await page.goto(portal.api.url);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeTruthy();
  await portal.screenshot(page, "sign-in");
  await portal.signIn(page, "alice");

  const firefox = page.getByRole("article", { name: "Firefox" });
  await firefox.waitFor();
  await expect(page.getByRole("article", { name: "GIMP" }).isVisible()).resolves.toBe(true);
  await portal.screenshot(page, "catalog");

  await firefox.getByRole("button", { name: "Launch" }).click();
  await page.getByRole("heading", { name: "My sessions" }).waitFor();
  await portal.screenshot(page, "launching");

  const row = page.getByRole("row", { name: /^Firefox firefox-/ });
  await row.getByText("Running", { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole("heading", { name: "Firefox is ready" }).waitFor();
  await expect(row.getByRole("button", { name: "Open" }).isVisible()).resolves.toBe(true);
  await portal.screenshot(page, "running");
  const [created] = await (await portal.api.as("alice"))
    .get<Array<{ name: string; phase: string }>>("/api/v1/sessions")
    .then((a) => a.body);
  expect(created).toMatchObject({ phase: "Running" });
  await expect(row.textContent()).resolves.toContain(created?.name);
  // What a person on a tablet with the dark theme sees (screenshots only).
  await page.getByLabel("Theme").selectOption("dark");
  await page.setViewportSize({ width: 820, height: 1180 });
  await portal.screenshot(page, "running-dark-tablet");
  await page.getByRole("link", { name: "Catalog" }).click();
  await firefox.waitFor();
  await portal.screenshot(page, "catalog-dark-tablet");
  await page.getByRole("button", { name: "Recently used" }).click();
  await page.getByRole("article", { name: "GIMP" }).waitFor({ state: "detached" });
  await expect(firefox.isVisible()).resolves.toBe(true);
}, 120_000);
