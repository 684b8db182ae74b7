// The portal end to end on the real node: a user signs in, launches the desktop test Template from the
// catalog, opens it, and the viewer's canvas shows the session's known drawing (its pixels, through the
// gateway's VNC bridge from the pod's VNC server); hibernated and opened again, the session wakes in a new
// pod and the viewer shows the drawing again by itself.

import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DESKTOP_COLOUR } from "../../scripts/images/definitions.js";
import { screenPixel, sessionFrame, usePortal } from "../support/portal.js";
import { fixtureTemplate, ON_REAL_NODE } from "../support/real-node.js";
import { apply, getSession, waitForSession } from "../support/streamspace.js";

const COLOUR = [DESKTOP_COLOUR.red, DESKTOP_COLOUR.green, DESKTOP_COLOUR.blue];
// Away from the centre, where a VNC server may draw the pointer at first.
const SPOTS = [
  [0.05, 0.05],
  [0.95, 0.05],
  [0.05, 0.95],
  [0.95, 0.95],
  [0.2, 0.7],
] as const;

const portal = usePortal(
  "ui-desktop-viewer-wakes",
  async (ns) => {
    await apply(fixtureTemplate("desktop-test.yaml", ns));
  },
  { reconciler: ON_REAL_NODE, gateway: true },
);

/** Waits until the viewer on the page draws the desktop's colour at every spot. */
async function seesDrawing(page: Page, session: string): Promise<void> {
  const viewer = page.frameLocator(`iframe[title="Session ${session}"]`);
  await viewer.getByRole("status").getByText("Connected").waitFor({ timeout: 60_000 });
  const frame = sessionFrame(page, session, portal.gatewayPort);
  for (const [fx, fy] of SPOTS)
    await expect.poll(() => screenPixel(frame, fx, fy), { timeout: 15_000 }).toEqual(COLOUR);
}

test("launch, open, see the drawing; hibernate, reopen, it wakes in a new pod and shows it again", async () => {
  const page = await portal.newPage("alice");
  await portal.signIn(page, "alice");
  const card = page.getByRole("article", { name: "Desktop test" });
  await card.waitFor();
  await portal.screenshot(page, "catalog");

  await card.getByRole("button", { name: "Launch" }).click();
  const row = page.getByRole("row", { name: /^Desktop test desktop-test-/ });
  await row.getByRole("button", { name: "Open" }).click({ timeout: 120_000 });
  const session = decodeURIComponent(new URL(page.url()).pathname.split("/").at(-1) ?? "");
  await seesDrawing(page, session);
  await portal.screenshot(page, "viewer");
  const firstPod = (await getSession(portal.namespace, session)).status?.podName;
  expect(firstPod).toBeTruthy();

  await page.getByRole("link", { name: "Back to my sessions" }).click();
  await row.getByRole("button", { name: "Hibernate" }).click();
  await row.getByRole("button", { name: "Wake" }).waitFor({ timeout: 60_000 });
  await waitForSession(portal.namespace, session, (s) => s.status?.phase === "Hibernated", "Hibernated");
  await portal.screenshot(page, "hibernated");

  // Reopened from a bookmark: the viewer wakes the session and connects once it runs. "Waking" lasts
  // only until the reconciler takes the wake, which on a quick node can be before the page has drawn:
  // either word of the way back is what a user sees first.
  await page.goto(`${portal.api.url}/sessions/${session}`);
  await page
    .getByRole("status")
    .getByText(/^(Waking|Starting) your session…$/)
    .waitFor({ timeout: 60_000 });
  await portal.screenshot(page, "waking");
  await seesDrawing(page, session);
  await portal.screenshot(page, "viewer-after-wake");
  const secondPod = (await getSession(portal.namespace, session)).status?.podName;
  expect(secondPod).toBeTruthy();
  expect(secondPod).not.toBe(firstPod);
}, 300_000);
