// A Session's maxConnections is enforced: the viewer beyond it is told why, with a close code of its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOSE_TOO_MANY_VIEWERS } from "../../src/gateway/server.js";
import {
  opened,
  openViewer,
  signIn,
  standInSession,
  startTestGateway,
  type TestGateway,
  useRecordingApp,
  webDesktopTemplate,
} from "../support/gateway.js";
import { useNamespace } from "../support/kube.js";
import { apply, installCrds } from "../support/streamspace.js";

const ns = useNamespace("gw-max");
const site = useRecordingApp();
let gw: TestGateway;

beforeAll(async () => {
  await installCrds();
  await apply(webDesktopTemplate(ns.name, "kasmish"));
  await standInSession(
    ns.name,
    "pair",
    { template: "kasmish", maxConnections: 2 },
    site.app.address,
    site.app.port,
  );
  gw = await startTestGateway(ns.name);
}, 60_000);

afterAll(() => gw?.gateway.close());

describe("maxConnections", () => {
  it("lets two viewers in and closes the third with code 4429, naming the limit", async () => {
    const cookie = await signIn(gw, ns.name, "pair");
    const first = openViewer(gw, "pair", cookie);
    const second = openViewer(gw, "pair", cookie);
    await Promise.all([opened(first), opened(second)]);
    const third = openViewer(gw, "pair", cookie);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      third.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(closed).toEqual({ code: CLOSE_TOO_MANY_VIEWERS, reason: "at most 2 viewers" });
    // The two admitted viewers still work.
    first.send("still here");
    const echo = await new Promise<string>((resolve) => first.once("message", (d) => resolve(d.toString())));
    expect(echo).toBe("still here");
    first.close();
    second.close();
  });
});
