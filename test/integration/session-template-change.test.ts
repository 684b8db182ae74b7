// An administrator changes a Template: the running Sessions made from it follow, without a Session edit.
import { expect, it } from "vitest";
import { waitFor } from "../support/kube.js";
import {
  apply,
  desktopTemplate,
  getDeployment,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-tmpl-change", {}, async () => {
  await apply(desktopTemplate(ns.name, "firefox"));
  await apply(session(ns.name, "s1", { template: "firefox" }));
  await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running");
});

it("rolls a running Session's Deployment to the Template's new image", async () => {
  await apply(desktopTemplate(ns.name, "firefox", { baseImage: "lscr.io/linuxserver/firefox:131.0" }));
  const image = await waitFor(
    async () => {
      const found = (await getDeployment(ns.name, "ss-s1")).spec.template.spec.containers[0]?.image;
      return found === "lscr.io/linuxserver/firefox:131.0" ? found : undefined;
    },
    { what: "the Deployment on the new image", timeoutMs: 10_000 },
  );
  expect(image).toBe("lscr.io/linuxserver/firefox:131.0");
  await waitForSession(ns.name, "s1", (s) => s.status?.phase === "Running", "Running on the new image");
});
