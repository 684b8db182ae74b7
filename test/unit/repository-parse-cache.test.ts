import { createHash } from "node:crypto";
import { expect, test } from "vitest";
import { type FileTemplates, templatesFromFiles } from "../../src/controllers/repository/manifests.js";
import { DEFAULT_LIMITS } from "../../src/controllers/repository/source.js";

const template = (name: string, displayName = name) =>
  `apiVersion: stream.streamspace.io/v1alpha1
kind: Template
metadata: { name: ${name} }
spec: { displayName: ${displayName}, category: x, baseImage: example.com/${name}:1, appType: desktop }
`;
const file = (path: string, text: string) => {
  const content = Buffer.from(text);
  return { path, oid: createHash("sha1").update(content).digest("hex"), bytes: content.length, content };
};
const opts = { namespace: "ns", limits: DEFAULT_LIMITS };

test("files seen before (same path, same blob) are not parsed again: they need not even be read", () => {
  const cache = new Map<string, FileTemplates>();
  const a = file("a.yaml", template("alpha"));
  const b = file("b.yaml", template("beta"));
  templatesFromFiles([a, b], opts, cache);

  const bEdited = file("b.yaml", template("beta", "Beta 2"));
  const { content: _unread, ...aUnread } = a;
  const next = templatesFromFiles([aUnread, bEdited], opts, cache);
  expect(next.definitions.map((d) => [d.name, d.spec.displayName])).toEqual([
    ["alpha", "alpha"],
    ["beta", "Beta 2"],
  ]);
  expect(cache.size).toBe(2);
});

test("a duplicate name across a cached and a new file is still reported", () => {
  const cache = new Map<string, FileTemplates>();
  const a = file("a.yaml", template("alpha"));
  templatesFromFiles([a], opts, cache);
  const { content: _unread, ...aUnread } = a;
  const { problems } = templatesFromFiles([aUnread, file("z.yaml", template("alpha"))], opts, cache);
  expect(problems).toEqual([expect.objectContaining({ file: "z.yaml", field: "metadata.name" })]);
});
