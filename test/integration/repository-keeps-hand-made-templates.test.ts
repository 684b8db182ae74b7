// A repository never overwrites a Template someone made by hand: its definition of the same name
// is not applied, and its status says so (a Warning on the file); the hand-made one stays as it was.
import { expect, test } from "vitest";
import { apply, desktopTemplate } from "../support/streamspace.js";
import { templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();

test("a hand-made Template of the same name is left alone, and the conflict is reported", async () => {
  await apply({
    ...desktopTemplate(h.current.namespace, "firefox", { displayName: "Firefox (ours, by hand)" }),
  });
  const repo = await h.current.server.createRepo("catalog");
  await repo
    .write({
      "firefox.yaml": templateYaml("firefox", { displayName: "Firefox (git)" }),
      "gimp.yaml": templateYaml("gimp"),
    })
    .commit();
  await h.current.applyRepository("catalog", { url: repo.url, interval: "1h" });

  const status = await h.current.waitForStatus("catalog", (s) => s.phase === "Ready");
  const templates = await h.current.templates();
  expect(templates.get("firefox")?.spec.displayName).toBe("Firefox (ours, by hand)");
  expect(templates.has("gimp")).toBe(true);
  expect(status.errors).toContainEqual(
    expect.objectContaining({
      file: "firefox.yaml",
      severity: "Warning",
      message: expect.stringContaining("Template firefox already exists and no repository made it"),
    }),
  );
});
