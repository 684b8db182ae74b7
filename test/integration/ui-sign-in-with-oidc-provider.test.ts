// With OIDC configured, the sign-in page offers "Sign in with <provider>" under the provider's configured
// name; the button takes the browser through the real provider's login and consent and back to the
// portal, signed in.
import { afterAll, expect, test } from "vitest";
import { startOidcProvider } from "../support/oidc-provider.js";
import { usePortal } from "../support/portal.js";
import { freePort } from "../support/vnc-server.js";

const apiPort = await freePort();
const redirectUri = `http://127.0.0.1:${apiPort}/api/v1/auth/oidc/callback`;
const provider = await startOidcProvider({
  id: "streamspace",
  secret: "test-client-secret",
  redirectUri,
  groupsOf: () => ["staff"],
});
afterAll(() => provider.stop());

const portal = usePortal("ui-sign-in-with-oidc-provider", undefined, {
  api: {
    port: apiPort,
    oidc: {
      issuer: provider.issuer,
      displayName: "Example Corp",
      clientId: "streamspace",
      clientSecret: "test-client-secret",
      redirectUri,
      allowHttp: true,
    },
  },
  // The provider's development login pages link a web font (no internet here) and have no favicon.
  allowed: (_text, url) => url.startsWith(provider.issuer) || url.startsWith("https://fonts.googleapis.com/"),
});

test("the button names the provider and signs the user in through it", async () => {
  const page = await portal.newPage("oidc");
  await page.goto(`http://127.0.0.1:${apiPort}/catalog`);
  const button = page.getByRole("link", { name: "Sign in with Example Corp" });
  await button.waitFor();
  await portal.screenshot(page, "sign-in");
  await button.click();
  await page.waitForURL((url) => url.href.startsWith(provider.issuer));
  await page.locator('input[name="login"]').fill("frank");
  await page.locator('input[name="password"]').fill("anything");
  await page.locator('button[type="submit"]').click();
  // The provider asks for consent once.
  await page.locator('button[type="submit"]').click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  expect(new URL(page.url()).pathname).toBe("/catalog");
  await portal.screenshot(page, "signed-in");
});
