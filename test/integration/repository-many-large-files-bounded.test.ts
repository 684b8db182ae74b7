// Many large files cannot take the reconciler's memory either: objects each under the object limit
// that add up to more than the pack limit (what isomorphic-git holds while it indexes a pack) fail
// the repository with LimitExceeded, from the pack's headers, before they are inflated. Checked in a
// child process by its peak RSS.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();
const MiB = 2 ** 20;

test("eight 15 MiB files: LimitExceeded naming the total, and memory stays bounded", async () => {
  const repo = await h.current.server.createRepo("big-files");
  const big = Object.fromEntries(
    Array.from({ length: 8 }, (_, i) => [
      `templates/big-${i}.yaml`,
      Buffer.alloc(15 * MiB, String.fromCharCode(97 + i)),
    ]),
  );
  await repo.write({ "templates/ok.yaml": templateYaml("ok"), ...big }).commit();
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--max-old-space-size=96", "--import", "tsx", "test/support/git-memory-child.ts", repo.url, "templates"],
    { timeout: 120_000 },
  );
  const result = JSON.parse(stdout) as {
    ok: boolean;
    reason?: string;
    message?: string;
    rssBefore: number;
    peak: number;
  };
  expect(result).toMatchObject({ ok: false, reason: "LimitExceeded" });
  expect(result.message).toContain("add up to more than 32.0 MiB");
  // Bounded by the total limit (what is inflated before it is reached); without it: +130 MiB.
  expect((result.peak - result.rssBefore) / MiB).toBeLessThan(56);
}, 150_000);
