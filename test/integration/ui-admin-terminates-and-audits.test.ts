// An admin sees every user's sessions on the admin page, terminates one, and finds that in the audit log.
import { expect, test } from "vitest";
import { usePortal } from "../support/portal.js";
import { apply, desktopTemplate, waitForSession } from "../support/streamspace.js";

const portal = usePortal("ui-admin-terminates-and-audits", async (ns) => {
  await apply(desktopTemplate(ns, "firefox", { displayName: "Firefox" }));
});

test("the admin terminates alice's session among alice's and bob's, and the audit log shows it", async () => {
  const names: Record<string, string> = {};
  for (const user of ["alice", "bob"] as const) {
    const answer = await (await portal.api.as(user)).post<{ name: string }>("/api/v1/sessions", {
      template: "firefox",
    });
    expect(answer.status).toBe(201);
    names[user] = answer.body.name;
  }
  const page = await portal.newPage("root");
  page.on("dialog", (dialog) => void dialog.accept());
  await portal.signIn(page, "root");
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "All sessions" }).click();
  const aliceRow = page.getByRole("row", { name: new RegExp(`^alice firefox ${names.alice}`) });
  const bobRow = page.getByRole("row", { name: new RegExp(`^bob firefox ${names.bob}`) });
  await aliceRow.waitFor();
  await bobRow.waitFor();
  await portal.screenshot(page, "all-sessions");

  await aliceRow.getByRole("button", { name: "Terminate" }).click();
  await waitForSession(
    portal.namespace,
    names.alice ?? "",
    (s) => s.spec.state === "terminated",
    "terminated",
  );
  await aliceRow.getByText(/^End(ing|ed)$/).waitFor();
  await expect(bobRow.getByRole("button", { name: "Terminate" }).isVisible()).resolves.toBe(true);
  await portal.screenshot(page, "terminated");

  await page.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action contains").fill("terminate");
  await page.getByRole("button", { name: "Filter" }).click();
  const entry = page
    .getByRole("row")
    .filter({ hasText: names.alice ?? "" })
    .filter({ hasText: "terminate" });
  await entry.waitFor();
  await expect(entry.textContent()).resolves.toMatch(/rootPOST \/api\/v1\/sessions\/:name\/terminate.*200/);
  // Until the filtered page arrives the table still lists every entry (alice's and bob's creates too).
  await expect
    .poll(
      () =>
        page
          .getByRole("row")
          .filter({ hasText: names.bob ?? "" })
          .count(),
      { timeout: 30_000 },
    )
    .toBe(0);
  await portal.screenshot(page, "audit-log");
}, 120_000);
