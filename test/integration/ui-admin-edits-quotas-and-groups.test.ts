// An admin edits groups and Quotas on the admin pages: adds a local group and changes its members, adds a
// Quota for alice and raises it; each change is what the API then holds, and alice's usage row shows the
// limit that applies to her.
import { expect, test } from "vitest";
import { usePortal } from "../support/portal.js";

const portal = usePortal("ui-admin-edits-quotas-and-groups");

test("the admin adds a group and edits its members, adds a Quota for alice and changes it", async () => {
  const page = await portal.newPage("root");
  page.on("dialog", (dialog) => void dialog.accept());
  await portal.signIn(page, "root");
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "Users and quotas" }).click();

  const addGroup = page.getByRole("form", { name: "Add a group" });
  await addGroup.getByLabel("Group name").fill("designers");
  await addGroup.getByLabel("Members (comma-separated)").fill("alice");
  await addGroup.getByRole("button", { name: "Add group" }).click();
  const group = page.getByRole("form", { name: "Group designers" });
  await group.getByLabel("Members of designers").fill("alice, bob");
  await group.getByRole("button", { name: "Save members" }).click();
  const root = await portal.api.as("root");
  await expect
    .poll(async () => (await root.get<{ name: string; members: string[] }[]>("/api/v1/groups")).body)
    .toContainEqual(expect.objectContaining({ name: "designers", members: ["alice", "bob"] }));
  await page.getByRole("row", { name: /^bob designers / }).waitFor();

  const add = page.getByRole("form", { name: "Add a quota" });
  await add.getByLabel("Name").fill("alice-limit");
  await add.getByLabel("Applies to").selectOption("user");
  await add.getByLabel("User name").fill("alice");
  await add.getByLabel("Sessions (not ended)").fill("1");
  await add.getByLabel("Memory (e.g. 8Gi)").fill("4Gi");
  await add.getByRole("button", { name: "Save quota" }).click();
  const usage = page.getByRole("table", { name: "Each user's usage against their quota" });
  await usage
    .getByRole("row", { name: /^alice .*maxSessions: 1 \(alice-limit\); memory: 4 GiB \(alice-limit\)/ })
    .waitFor();
  await portal.screenshot(page, "quota-added");

  await page.getByRole("button", { name: "Edit quota alice-limit" }).click();
  const edit = page.getByRole("form", { name: "Edit quota alice-limit" });
  await expect(edit.getByLabel("User name").inputValue()).resolves.toBe("alice");
  await edit.getByLabel("Sessions (not ended)").fill("3");
  await edit.getByRole("button", { name: "Save quota" }).click();
  await usage.getByRole("row", { name: /^alice .*maxSessions: 3 \(alice-limit\)/ }).waitFor();
  const quota = await root.get<{ spec: unknown }>("/api/v1/quotas/alice-limit");
  expect(quota.body.spec).toEqual({ user: "alice", limits: { maxSessions: 3, memory: "4Gi" } });
  await page.getByLabel("Theme").selectOption("dark");
  await portal.screenshot(page, "quota-edited-dark");
});
