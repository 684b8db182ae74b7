import type { KubernetesObject } from "@kubernetes/client-node";
import { expect, test } from "vitest";
import { Controller } from "../../src/core/controller.js";
import type { Informer } from "../../src/core/informer.js";
import { Store } from "../../src/core/store.js";
import { silentLogger } from "../../src/telemetry/log.js";

/**
 * A fake informer (unit tests have no API server): a cache the test fills, whose first list "arrives"
 * when the test calls `sync`. The Controller uses only these members.
 */
function fakeInformer(objects: KubernetesObject[]) {
  const store = new Store<KubernetesObject>();
  for (const object of objects) store.upsert(object);
  let sync = () => {};
  const synced = new Promise<void>((resolve) => {
    sync = resolve;
  });
  const informer = { store, on: () => {}, whenSynced: () => synced };
  return { store, sync, informer: informer as unknown as Informer<KubernetesObject> };
}

test("a controller's first reconcile waits for the first list of a cache it reads, and sees what it holds", async () => {
  const sessions = fakeInformer([{ metadata: { namespace: "alice", name: "desktop" } }]);
  sessions.sync();
  const homes = fakeInformer([]);
  const homesSeen: string[][] = [];
  const controller = new Controller({
    name: "session",
    informer: sessions.informer,
    log: silentLogger,
    reconcile: async () => {
      homesSeen.push(homes.store.keys());
    },
  }).reads(homes.informer);

  const stop = new AbortController();
  const running = controller.run(stop.signal);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(homesSeen).toEqual([]); // the home-volume cache has not listed yet: no reconcile

  homes.store.upsert({ metadata: { namespace: "alice", name: "home-alice" } });
  homes.sync();
  await expect.poll(() => homesSeen).toEqual([["alice/home-alice"]]);
  stop.abort();
  await running;
});
