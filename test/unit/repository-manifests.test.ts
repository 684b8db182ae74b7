import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import { templatesFromFiles } from "../../src/controllers/repository/manifests.js";
import { DEFAULT_LIMITS } from "../../src/controllers/repository/source.js";
import type { RepoFile } from "../../src/git/tree.js";

const file = (path: string, text: string | Buffer) => {
  const content = Buffer.from(text);
  return { path, oid: createHash("sha1").update(content).digest("hex"), bytes: content.length, content };
};
const read = (...files: RepoFile[]) =>
  templatesFromFiles(files, { namespace: "streamspace", limits: DEFAULT_LIMITS });

const firefox = `apiVersion: stream.streamspace.io/v1alpha1
kind: Template
metadata:
  name: firefox
  labels: { streamspace.io/category: browsers }
spec:
  displayName: Firefox
  category: Browsers
  baseImage: lscr.io/linuxserver/firefox:latest
  appType: desktop
  vnc: { port: 3000, protocol: websocket }
`;

test("a valid Template is read with its labels and its spec as written (no defaults added)", () => {
  const { definitions, problems } = read(file("browsers/firefox.yaml", firefox));
  expect(problems).toEqual([]);
  expect(definitions).toHaveLength(1);
  expect(definitions[0]).toMatchObject({
    name: "firefox",
    file: "browsers/firefox.yaml",
    document: 0,
    labels: { "streamspace.io/category": "browsers" },
    spec: { vnc: { port: 3000, protocol: "websocket" } },
  });
  expect(definitions[0]?.spec.multiUser).toBeUndefined();
});

test("an invalid document is reported by file, document index and field; the file's valid documents are kept", () => {
  const text = `${firefox}---
apiVersion: stream.streamspace.io/v1alpha1
kind: Template
metadata: { name: gimp }
spec:
  displayName: GIMP
  category: Graphics
  baseImage: lscr.io/linuxserver/gimp:latest
  appType: desktop
  vnc: { port: 99999 }
`;
  const { definitions, problems, brokenFiles } = read(file("mixed.yaml", text));
  expect(definitions.map((d) => d.name)).toEqual(["firefox"]);
  expect(problems).toEqual([
    expect.objectContaining({ file: "mixed.yaml", document: 1, field: "spec.vnc.port", severity: "Error" }),
  ]);
  expect(brokenFiles).toEqual(new Set(["mixed.yaml"]));
});

test("a missing required field and an unknown field are both named", () => {
  const text = firefox.replace("  displayName: Firefox\n", "  colour: blue\n");
  const fields = read(file("a.yaml", text)).problems.map((p) => p.field);
  expect(fields).toEqual(expect.arrayContaining(["spec.displayName", "spec.colour"]));
});

test("YAML that does not parse is reported with its line", () => {
  const { problems } = read(file("broken.yaml", "kind: Template\nmetadata: {name: x\nspec: [\n"));
  expect(problems[0]).toMatchObject({ file: "broken.yaml", document: 0, severity: "Error" });
  expect(problems[0]?.message).toMatch(/^is not valid YAML \(line \d+, column \d+\)/);
});

test("a YAML alias bomb is stopped at the alias limit and reported; other files are unaffected", () => {
  const bomb = [
    "a: &a [x, x, x, x, x, x, x, x, x, x]",
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
    "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]",
  ].join("\n");
  const started = Date.now();
  const { definitions, problems } = read(file("bomb.yaml", bomb), file("firefox.yaml", firefox));
  expect(Date.now() - started).toBeLessThan(2000);
  expect(problems).toEqual([
    expect.objectContaining({
      file: "bomb.yaml",
      document: 0,
      message: expect.stringMatching(/too many YAML aliases/),
    }),
  ]);
  expect(definitions.map((d) => d.name)).toEqual(["firefox"]);
});

test("binary content and invalid UTF-8 under a .yaml name are reported, not parsed", () => {
  const { problems } = read(
    file("logo.yaml", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])),
    file("latin1.yaml", Buffer.from([0x6b, 0x3a, 0x20, 0xe9, 0x0a])),
  );
  expect(problems.map((p) => [p.file, p.message])).toEqual([
    ["logo.yaml", "is a binary file, not YAML"],
    ["latin1.yaml", "is not UTF-8 text"],
  ]);
});

test("other kinds are ignored with a warning, kustomize files silently, empty documents not at all", () => {
  const text = `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n---\n${firefox}`;
  const kustomization = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n";
  const { definitions, problems } = read(file("all.yaml", text), file("kustomization.yaml", kustomization));
  expect(definitions.map((d) => [d.name, d.document])).toEqual([["firefox", 2]]);
  expect(problems).toEqual([
    {
      file: "all.yaml",
      document: 0,
      field: "kind",
      message: "is ConfigMap, not Template; ignored",
      severity: "Warning",
    },
  ]);
});

test("a name defined twice keeps the first definition (in path order) and reports the second", () => {
  const { definitions, problems } = read(file("a/firefox.yaml", firefox), file("b/firefox.yaml", firefox));
  expect(definitions.map((d) => d.file)).toEqual(["a/firefox.yaml"]);
  expect(problems).toEqual([
    expect.objectContaining({
      file: "b/firefox.yaml",
      field: "metadata.name",
      message: expect.stringContaining("already defined in a/firefox.yaml (document 0)"),
    }),
  ]);
});

test("an invalid name and a wrong apiVersion are named precisely", () => {
  const { problems } = read(
    file("upper.yaml", firefox.replace("name: firefox", "name: FireFox")),
    file("v2.yaml", firefox.replace("v1alpha1", "v2")),
  );
  expect(problems.map((p) => [p.file, p.field])).toEqual([
    ["upper.yaml", "metadata.name"],
    ["v2.yaml", "apiVersion"],
  ]);
});

test("a namespace in the file is dropped with a warning: Templates go to the repository's namespace", () => {
  const { definitions, problems } = read(
    file("f.yaml", firefox.replace("  name: firefox\n", "  name: firefox\n  namespace: elsewhere\n")),
  );
  expect(definitions).toHaveLength(1);
  expect(problems).toEqual([
    expect.objectContaining({
      field: "metadata.namespace",
      severity: "Warning",
      message: expect.stringContaining("streamspace"),
    }),
  ]);
});

test("a file with too many documents is skipped whole", () => {
  const many = Array.from({ length: DEFAULT_LIMITS.maxDocumentsPerFile + 1 }, () => "a: 1").join("\n---\n");
  const { problems } = read(file("many.yaml", many));
  expect(problems).toEqual([
    expect.objectContaining({
      file: "many.yaml",
      message: expect.stringMatching(/^holds 1001 YAML documents/),
    }),
  ]);
});
