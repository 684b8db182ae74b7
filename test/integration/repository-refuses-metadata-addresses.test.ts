// A TemplateRepository cannot point the reconciler at the cloud's metadata service or the
// link-local network, nor, when the platform keeps a list of git hosts, at any other host. The
// status says why and names the field.
import { expect, test } from "vitest";
import { readyCondition, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness({ limits: { allowedHosts: ["127.0.0.1", "*.git.example.com"] } });

test.each([
  ["the IPv4 metadata address", "http://169.254.169.254/latest/meta-data.git"],
  ["AWS's IPv6 metadata address", "http://[fd00:ec2::254]/x.git"],
  ["an IPv4-mapped metadata address", "http://[::ffff:169.254.169.254]/x.git"],
])("refuses %s as spec.url, stalled on InvalidSpec", async (_what, url) => {
  const name = `md-${Math.random().toString(36).slice(2, 8)}`;
  await h.current.applyRepository(name, { url, interval: "1h" });
  const status = await h.current.waitForStatus(name, (s) => s.phase === "Failed");
  expect(readyCondition(status)).toMatchObject({ status: "False", reason: "InvalidSpec" });
  expect(readyCondition(status)?.message).toMatch(/^spec\.url: .*link-local or metadata address/);
});

test("refuses a host outside the platform's list, naming the setting", async () => {
  await h.current.applyRepository("elsewhere", { url: "http://localhost:1/x.git", interval: "1h" });
  const status = await h.current.waitForStatus("elsewhere", (s) => s.phase === "Failed");
  expect(readyCondition(status)).toMatchObject({ reason: "InvalidSpec" });
  expect(readyCondition(status)?.message).toContain(
    "spec.url: host localhost is not one the platform allows",
  );
  expect(readyCondition(status)?.message).toContain("security.repositoryHosts");
});
