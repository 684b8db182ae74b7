// A Session of the Firefox ESR Template (the browser image built from Debian packages) runs on the
// real node, and its screen shows the browser: a kiosk window with a blank page over most of the
// desktop (twm cannot make it full-screen, so some of the desktop's colour shows around it).
import { describe, expect, it } from "vitest";
import { DESKTOP_COLOUR } from "../../scripts/images/definitions.js";
import { waitFor } from "../support/kube.js";
import { fixtureTemplate, ON_REAL_NODE, sessionScreen } from "../support/real-node.js";
import { shareOf } from "../support/rfb.js";
import { apply, session, useReconciler, waitForSession } from "../support/streamspace.js";

const WHITE = { red: 255, green: 255, blue: 255 };

const ns = useReconciler("node-firefox", ON_REAL_NODE, async (namespace) => {
  await apply(fixtureTemplate("firefox-esr.yaml", namespace));
});

describe("a Firefox ESR Session on the real node", () => {
  it("shows the browser's blank page over most of the screen", async () => {
    await apply(session(ns.name, "browser", { template: "firefox-esr" }));
    await waitForSession(ns.name, "browser", (s) => s.status?.phase === "Running", "Running", 120_000);
    // Firefox takes seconds to open its window after VNC answers.
    const screen = await waitFor(
      async () => {
        const fb = await sessionScreen(ns.name, "browser");
        return shareOf(fb, WHITE) > 0.6 ? fb : undefined;
      },
      { what: "the browser window", timeoutMs: 120_000, intervalMs: 1_000 },
    );
    expect(shareOf(screen, WHITE)).toBeGreaterThan(0.6);
    expect(shareOf(screen, DESKTOP_COLOUR)).toBeLessThan(0.4);
  });
});
