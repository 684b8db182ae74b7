// Two repositories defining the same Template: the one created first wins, whichever syncs first,
// and both say so in their status.
import { expect, test } from "vitest";
import { templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();

const warningsAbout = (
  errors: Array<{ file: string; message: string; severity?: string }> | undefined,
  file: string,
) => (errors ?? []).filter((e) => e.file === file && e.severity === "Warning").map((e) => e.message);

test("the older repository's definition is applied even when the newer one synced first; the newer takes over when the older drops it", async () => {
  const oldRepo = await h.current.server.createRepo("old");
  const newRepo = await h.current.server.createRepo("new");
  await newRepo
    .write({
      "firefox.yaml": templateYaml("firefox", { displayName: "Firefox (new)" }),
      "vlc.yaml": templateYaml("vlc"),
    })
    .commit();

  // "old" is created first but its branch does not exist yet, so "new" applies firefox first.
  await h.current.applyRepository("old", { url: oldRepo.url, interval: "1h" });
  await h.current.waitForStatus("old", (s) => s.phase === "Failed");
  await new Promise((r) => setTimeout(r, 1100)); // creationTimestamp has a resolution of one second
  await h.current.applyRepository("new", { url: newRepo.url, interval: "1h" });
  await h.current.waitForStatus("new", (s) => s.phase === "Ready");
  expect((await h.current.templates()).get("firefox")?.spec.displayName).toBe("Firefox (new)");

  await oldRepo
    .write({
      "browsers/firefox.yaml": templateYaml("firefox", { displayName: "Firefox (old)" }),
      "gimp.yaml": templateYaml("gimp"),
    })
    .commit();
  await h.current.requestSync("old");
  const oldStatus = await h.current.waitForStatus(
    "old",
    (s) => s.phase === "Ready" && warningsAbout(s.errors, "browsers/firefox.yaml").length > 0,
  );
  expect(warningsAbout(oldStatus.errors, "browsers/firefox.yaml")[0]).toContain(
    "also defined by repository new",
  );
  expect(oldStatus.templateCount).toBe(2);

  const newStatus = await h.current.waitForStatus(
    "new",
    (s) => warningsAbout(s.errors, "firefox.yaml").length > 0,
  );
  expect(warningsAbout(newStatus.errors, "firefox.yaml")[0]).toContain(
    "also defined by repository old, which was created first",
  );
  expect(newStatus.templateCount).toBe(1);
  expect(newStatus.inventory?.map((r) => r.name)).toEqual(["vlc"]);

  const firefox = (await h.current.templates()).get("firefox");
  expect(firefox?.spec.displayName).toBe("Firefox (old)");
  expect(firefox?.metadata?.labels?.["streamspace.io/repository"]).toBe("old");

  // The older repository drops firefox: the newer one's definition takes over, nothing is left without one.
  await oldRepo.write({ "browsers/firefox.yaml": null }).commit();
  await h.current.requestSync("old");
  await h.current.waitForStatus(
    "old",
    (s) => s.templateCount === 1 && warningsAbout(s.errors, "browsers/firefox.yaml").length === 0,
  );
  const handedOver = await h.current.waitForStatus(
    "new",
    (s) => s.templateCount === 2 && (s.errors ?? []).length === 0,
  );
  expect(handedOver.inventory?.map((r) => r.name).sort()).toEqual(["firefox", "vlc"]);
  const after = (await h.current.templates()).get("firefox");
  expect(after?.spec.displayName).toBe("Firefox (new)");
  expect(after?.metadata?.labels?.["streamspace.io/repository"]).toBe("new");
});
