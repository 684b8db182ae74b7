// `npm run dev` syncs the catalog from this checkout: its git repository, served by `git http-backend`,
// is a TemplateRepository following its current branch, and the reconciler applies its Templates (here the browsers
// folder, to keep the sync small; dev uses catalog/).
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, expect, test } from "vitest";
import { checkoutRepository, type ServedCheckout, serveCheckout } from "../../scripts/dev-catalog.js";
import { useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();
let served: ServedCheckout;
beforeAll(async () => {
  served = await serveCheckout(new URL("../..", import.meta.url).pathname);
});
afterAll(() => served?.close());

test("the checkout's current commit is synced through git http-backend", async () => {
  const folder = "catalog/templates/browsers";
  const spec = checkoutRepository("unused", served).spec;
  await h.current.applyRepository("checkout", { ...spec, path: folder });
  const status = await h.current.waitForStatus(
    "checkout",
    (s) => s.revision?.endsWith(`@sha1:${served.commit}`) === true,
    "the checkout's catalog",
    90_000,
  );
  expect(status.errors).toEqual([]);
  const manifests = readdirSync(new URL(`../../${folder}`, import.meta.url)).filter((f) =>
    /\.ya?ml$/.test(f),
  );
  expect(status.templateCount).toBe(manifests.length);
  expect([...(await h.current.templates()).keys()]).toContain("firefox");
});
