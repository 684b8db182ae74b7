// The reconciler's Role: it can never delete a home volume, reads Secrets only by name, and may set
// its Sessions as owners with blockOwnerDeletion (update on sessions/finalizers).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { parse } from "yaml";

const PLATFORM_DIR = fileURLToPath(new URL("../../dist/platform", import.meta.url));

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs: string[];
}

const rules: Rule[] = readdirSync(PLATFORM_DIR)
  .filter((file) => file.endsWith(".yaml") && file !== "kustomization.yaml")
  .map((file) => parse(readFileSync(join(PLATFORM_DIR, file), "utf8")) as { kind: string; rules?: Rule[] })
  .filter((o) => o.kind === "Role")
  .flatMap((role) => role.rules ?? []);

const verbsOn = (group: string, resource: string) =>
  rules
    .filter((r) => r.apiGroups?.includes(group) && r.resources?.includes(resource))
    .flatMap((r) => r.verbs)
    .sort();

it("never deletes a PersistentVolumeClaim", () => {
  expect(verbsOn("", "persistentvolumeclaims")).toEqual([
    "create",
    "get",
    "list",
    "patch",
    "update",
    "watch",
  ]);
});

it("reads Secrets only by name", () => {
  expect(verbsOn("", "secrets")).toEqual(["get"]);
});

it("may update the finalizers of Sessions, which its objects name as blocking owner", () => {
  expect(verbsOn("stream.streamspace.io", "sessions/finalizers")).toEqual(["update"]);
});
