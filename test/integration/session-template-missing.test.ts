// A Session whose Template does not exist says so, and starts as soon as the Template appears.
import { describe, expect, it } from "vitest";
import {
  apply,
  condition,
  desktopTemplate,
  names,
  session,
  useReconciler,
  waitForSession,
} from "../support/streamspace.js";

const ns = useReconciler("ss-tpl-missing");

describe("a missing Template", () => {
  it("is reported as TemplateNotFound, with nothing created", async () => {
    await apply(session(ns.name, "s1", { template: "gimp" }));
    const stalled = await waitForSession(
      ns.name,
      "s1",
      (s) => s.status?.reason === "TemplateNotFound",
      "TemplateNotFound",
    );
    expect(stalled.status?.phase).toBe("Pending");
    expect(condition(stalled, "Stalled")).toMatchObject({ status: "True", reason: "TemplateNotFound" });
    expect(condition(stalled, "Stalled")?.message).toContain("gimp");
    expect(await names("deployments", ns.name)).toEqual([]);
  });

  it("starts the Session as soon as the Template is created", async () => {
    await apply(desktopTemplate(ns.name, "gimp", { baseImage: "lscr.io/linuxserver/gimp:latest" }));
    const running = await waitForSession(
      ns.name,
      "s1",
      (s) => s.status?.phase === "Running",
      "Running",
      15_000,
    );
    expect(condition(running, "Stalled")).toBeUndefined();
  });
});
