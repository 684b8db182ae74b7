// A LIST read in pages gives every object once, however small the page, and the resourceVersion a watch
// continues from.
import { expect, test } from "vitest";
import { collectionPath } from "../../src/core/kube-http.js";
import { listPages } from "../../src/core/list-pages.js";
import { kubeConfig, kubectl, useNamespace } from "../support/kube.js";

const ns = useNamespace("list-pages");

test("five objects listed two per page arrive in three pages, each object once", async () => {
  const names = ["a", "b", "c", "d", "e"];
  await kubectl(["apply", "-f", "-"], {
    input: names
      .map((name) =>
        JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: ns.name } }),
      )
      .join("\n"),
  });
  const pages: string[][] = [];
  const resourceVersion = await listPages<{ metadata: { name: string } }>(
    kubeConfig(),
    collectionPath({ group: "", version: "v1", plural: "configmaps" }, ns.name),
    { pageSize: 2, query: { fieldSelector: "metadata.name!=kube-root-ca.crt" } },
    (page) => pages.push((page.items ?? []).map((cm) => cm.metadata.name)),
  );
  expect(pages).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  expect(Number(resourceVersion)).toBeGreaterThan(0);
});
