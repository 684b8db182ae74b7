import { expect, test } from "vitest";
import { type RepositoryRank, resolveConflicts } from "../../src/controllers/repository/conflicts.js";
import type { TemplateDefinition } from "../../src/controllers/repository/manifests.js";

const def = (name: string, file = `${name}.yaml`): TemplateDefinition => ({
  name,
  file,
  document: 0,
  labels: {},
  annotations: {},
  spec: { displayName: name, category: "x", baseImage: "x", appType: "desktop" },
});

const older: RepositoryRank = { name: "zeta", creationTimestamp: "2026-01-01T00:00:00Z" };
const newer: RepositoryRank = { name: "alpha", creationTimestamp: "2026-02-01T00:00:00Z" };

test("the repository created first keeps a shared name; both report the conflict on the definition", () => {
  const claim = (self: RepositoryRank, other: RepositoryRank) =>
    resolveConflicts(self, [def("firefox"), def("gimp")], (name) =>
      name === "firefox" ? [self, other] : [self],
    );
  const winner = claim(older, newer);
  const loser = claim(newer, older);
  expect(winner.winners.map((d) => d.name)).toEqual(["firefox", "gimp"]);
  expect(loser.winners.map((d) => d.name)).toEqual(["gimp"]);
  expect(winner.problems).toEqual([
    expect.objectContaining({
      file: "firefox.yaml",
      document: 0,
      field: "metadata.name",
      severity: "Warning",
    }),
  ]);
  expect(winner.problems[0]?.message).toContain("also defined by repository alpha");
  expect(loser.problems[0]?.message).toContain("also defined by repository zeta, which was created first");
});

test("the answer does not depend on which repository asks or in what order claimants are listed", () => {
  const a: RepositoryRank = { name: "a", creationTimestamp: "2026-03-01T00:00:00Z" };
  const b: RepositoryRank = { name: "b", creationTimestamp: "2026-03-01T00:00:00Z" };
  const c: RepositoryRank = { name: "c", creationTimestamp: "2026-02-01T00:00:00Z" };
  const all = [a, b, c];
  const owners = all.filter(
    (self) => resolveConflicts(self, [def("x")], () => [...all].reverse()).winners.length === 1,
  );
  expect(owners).toEqual([c]);
  // Same creation time: the lower name wins.
  const tie = [a, b].filter((self) => resolveConflicts(self, [def("x")], () => [b, a]).winners.length === 1);
  expect(tie).toEqual([a]);
});

test("a name nobody else claims is applied with no report", () => {
  const r = resolveConflicts(older, [def("firefox")], () => [older]);
  expect(r.winners).toHaveLength(1);
  expect(r.problems).toEqual([]);
});
