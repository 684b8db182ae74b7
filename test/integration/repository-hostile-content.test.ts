// A repository full of traps: each bad file is bounded, reported, and skipped (a file over the object
// limit fails the whole repository instead: repository-memory-bounded); the good Templates
// are applied; a second repository syncs as if nothing happened.
import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { names, readyCondition, templateYaml, useSyncHarness } from "./repository-harness.js";

const h = useSyncHarness();

const aliasBomb = [
  "apiVersion: stream.streamspace.io/v1alpha1",
  "kind: Template",
  "metadata: { name: bomb }",
  "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
  "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]",
  "spec: [*h, *h, *h, *h, *h, *h, *h, *h, *h]",
].join("\n");

test("symlinks, an alias bomb, binary files and a 12 MiB file are each reported; the rest is applied", async () => {
  const repo = await h.current.server.createRepo("traps");
  await repo
    .write({
      "good/firefox.yaml": templateYaml("firefox"),
      "good/gimp.yml": templateYaml("gimp"),
      "bomb.yaml": aliasBomb,
      "screenshot.yaml": Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        randomBytes(4096),
      ]),
      "logo.png": randomBytes(8192),
      "huge.yaml": Buffer.alloc(12 * 2 ** 20, "#"),
    })
    .symlink("passwd.yaml", "/etc/passwd")
    .symlink("outside", "../../../../etc")
    .commit();
  const other = await h.current.server.createRepo("innocent");
  await other.write({ "vlc.yaml": templateYaml("vlc") }).commit();

  await h.current.applyRepository("traps", { url: repo.url, interval: "1h" });
  await h.current.applyRepository("innocent", { url: other.url, interval: "1h" });

  const status = await h.current.waitForStatus(
    "traps",
    (s) => s.revision !== undefined && s.phase === "Failed",
  );
  expect(readyCondition(status)).toMatchObject({ status: "False", reason: "ValidationFailed" });
  const byFile = Object.fromEntries((status.errors ?? []).map((e) => [e.file, e.message]));
  expect(byFile).toEqual({
    "bomb.yaml": expect.stringContaining("too many YAML aliases"),
    "screenshot.yaml": "is a binary file, not YAML",
    "huge.yaml": "is 12.0 MiB; files over 1.0 MiB are skipped",
    "passwd.yaml": "is a symlink; symlinks are not followed",
    outside: "is a symlink; symlinks are not followed",
  });
  expect(status.errors?.find((e) => e.file === "outside")?.severity).toBe("Warning");
  expect(status.templateCount).toBe(2);

  await h.current.waitForStatus("innocent", (s) => s.phase === "Ready");
  expect(names(await h.current.templates())).toEqual(["firefox", "gimp", "vlc"]);
}, 120_000);
