import { readFileSync } from "node:fs";
import { templatesFromFiles } from "../../src/controllers/repository/manifests.js";
import { DEFAULT_LIMITS } from "../../src/controllers/repository/source.js";

/** A Template file of test/fixtures/original-design/, as text. */
export function originalDesign(file: string): string {
  return readFileSync(new URL(`../fixtures/original-design/${file}`, import.meta.url), "utf8");
}

/** What a repository sync reads from one file holding `text`. */
export function readTemplates(path: string, text: string) {
  return templatesFromFiles([{ path, oid: path, bytes: text.length, content: Buffer.from(text) }], {
    namespace: "streamspace",
    limits: DEFAULT_LIMITS,
  });
}

/**
 * The predecessor's firefox Template moved to the current group, as the original design also writes it:
 * the older fields (kasmvnc, flat resources, user-home) are all that is left to convert.
 */
export function firefoxInCurrentGroup(): string {
  return originalDesign("firefox-legacy.yaml")
    .replace("apiVersion: stream.space/v1alpha1", "apiVersion: stream.streamspace.io/v1alpha1")
    .replace("  name: firefox\n  namespace: workspaces\n", "  name: firefox-browser\n");
}
