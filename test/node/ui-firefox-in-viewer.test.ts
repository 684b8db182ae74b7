// The portal end to end on the real node with a real app: a user launches the Firefox ESR Template from
// the catalog, opens it, and the viewer shows Firefox's window (its blank page covers most of the canvas;
// the screenshot viewer.png shows it to a person).
import { expect, test } from "vitest";
import { screenShare, sessionFrame, usePortal } from "../support/portal.js";
import { fixtureTemplate, ON_REAL_NODE } from "../support/real-node.js";
import { apply } from "../support/streamspace.js";

const WHITE = [255, 255, 255];

const portal = usePortal(
  "ui-firefox-in-viewer",
  async (ns) => {
    await apply(fixtureTemplate("firefox-esr.yaml", ns));
  },
  { reconciler: ON_REAL_NODE, gateway: true },
);

test("launch Firefox ESR, open it, and its window fills most of the viewer", async () => {
  const page = await portal.newPage("alice");
  await portal.signIn(page, "alice");
  const card = page.getByRole("article", { name: "Firefox ESR" });
  await card.getByRole("button", { name: "Launch" }).click();
  const row = page.getByRole("row", { name: /^Firefox ESR firefox-esr-/ });
  await row.getByRole("button", { name: "Open" }).click({ timeout: 120_000 });
  const session = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1) ?? "");
  const viewer = page.frameLocator(`iframe[title="Session ${session}"]`);
  await viewer.getByRole("status").getByText("Connected").waitFor({ timeout: 60_000 });
  const frame = sessionFrame(page, session, portal.gatewayPort);
  // Firefox opens its window seconds after the desktop's VNC server answers.
  await expect
    .poll(() => screenShare(frame, WHITE), { timeout: 120_000, interval: 1_000 })
    .toBeGreaterThan(0.6);
  await portal.screenshot(page, "viewer");
}, 300_000);
