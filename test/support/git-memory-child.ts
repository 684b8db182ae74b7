// Run in a child process by repository-memory-bounded.test.ts: fetches and reads one repository as
// the reconciler does, with its default limits, and reports the outcome and the memory it took.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_LIMITS } from "../../src/controllers/repository/source.js";
import { SyncError } from "../../src/git/errors.js";
import { fetchRevision } from "../../src/git/fetch.js";
import { readManifests } from "../../src/git/tree.js";

const [url, path] = process.argv.slice(2);
const rssBefore = process.memoryUsage().rss;
let outcome: { ok: true; files: number } | { ok: false; reason: string; message: string };
try {
  const gitdir = join(mkdtempSync(join(tmpdir(), "memory-child-")), "cache");
  const fetched = await fetchRevision({
    gitdir,
    url: url ?? "",
    ref: { branch: "main" },
    timeoutMs: 60_000,
    maxBytes: DEFAULT_LIMITS.maxDownloadBytes,
    maxObjectBytes: DEFAULT_LIMITS.maxObjectBytes,
  });
  const tree = await readManifests({ gitdir, commit: fetched.commit, path, limits: DEFAULT_LIMITS });
  outcome = { ok: true, files: tree.files.length };
} catch (err) {
  if (!(err instanceof SyncError)) throw err;
  outcome = { ok: false, reason: err.reason, message: err.message };
}
// maxRSS is in KiB: the peak of the whole process, module loading included.
const peak = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify({ ...outcome, rssBefore, peak }));
