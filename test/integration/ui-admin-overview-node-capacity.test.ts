// The admin's overview lists the cluster's nodes with what session pods request on each: after alice's
// session runs, the node its pod landed on shows one session and its CPU and memory requests out of the
// node's allocatable; users are refused the nodes route (api-authorization covers every caller).
import { expect, test } from "vitest";
import { kubectlJson } from "../support/kube.js";
import { usePortal } from "../support/portal.js";
import { apply, desktopTemplate, waitForSession } from "../support/streamspace.js";

const portal = usePortal("ui-admin-overview-node-capacity", async (ns) => {
  await apply(
    desktopTemplate(ns, "firefox", {
      displayName: "Firefox",
      defaultResources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "2Gi" } },
    }),
  );
});

interface Node {
  metadata: { name: string };
  status: { allocatable: { cpu: string; memory: string } };
}

test("the overview shows the session's requests on the node its pod runs on", async () => {
  const answer = await (await portal.api.as("alice")).post<{ name: string }>("/api/v1/sessions", {
    template: "firefox",
  });
  expect(answer.status).toBe(201);
  const running = await waitForSession(
    portal.namespace,
    answer.body.name,
    (s) => s.status?.phase === "Running",
    "Running",
    60_000,
  );
  const pod = await kubectlJson<{ spec: { nodeName: string } }>([
    "get",
    "pod",
    running.status?.podName ?? "",
    "-n",
    portal.namespace,
  ]);
  const node = await kubectlJson<Node>(["get", "node", pod.spec.nodeName]);
  const cpu = Number(node.status.allocatable.cpu);
  expect(Number.isInteger(cpu)).toBe(true);

  const page = await portal.newPage("root");
  await portal.signIn(page, "root");
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("heading", { name: "Nodes" }).waitFor();
  const row = page.getByRole("row", { name: new RegExp(`^${node.metadata.name} Ready 1 `) });
  await row.waitFor();
  await expect(
    row.getByRole("meter", { name: `${node.metadata.name} CPU: 0.5 CPU of ${cpu} CPU` }).isVisible(),
  ).resolves.toBe(true);
  await expect(
    row
      .getByRole("meter", { name: new RegExp(`^${node.metadata.name} memory: 1 GiB of [0-9.]+ GiB$`) })
      .isVisible(),
  ).resolves.toBe(true);
  await portal.screenshot(page, "overview");
  await page.getByLabel("Theme").selectOption("dark");
  await portal.screenshot(page, "overview-dark");
});
