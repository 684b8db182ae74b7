/**
 * A group's Quota applies to the users the API says are in the group (the Session's
 * streamspace.io/user-groups annotation, from the login), not only to the Quota's own member list.
 */
import { describe, expect, it } from "vitest";
import type { Quota, Session } from "../../src/api/generated/types.js";
import { USER_GROUPS_ANNOTATION } from "../../src/api/labels.js";
import { limitsFor, ownerGroups } from "../../src/controllers/session/quota.js";

const quotas: Quota[] = [
  {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Quota",
    metadata: { name: "default", namespace: "streamspace" },
    spec: { limits: { maxRunningSessions: 1 } },
  },
  {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Quota",
    metadata: { name: "designers", namespace: "streamspace" },
    spec: { group: "designers", limits: { maxRunningSessions: 4 } },
  },
];

function sessionWithGroups(annotation: string | undefined): Session {
  return {
    apiVersion: "stream.streamspace.io/v1alpha1",
    kind: "Session",
    metadata: {
      name: "s",
      namespace: "streamspace",
      ...(annotation === undefined ? {} : { annotations: { [USER_GROUPS_ANNOTATION]: annotation } }),
    },
    spec: { user: "dana", template: "firefox" },
  };
}

describe("the owner's groups stated by the API", () => {
  it("give the user their group's Quota, though its member list does not name them", () => {
    const groups = ownerGroups(sessionWithGroups('["designers","staff"]'));
    expect(groups).toEqual(["designers", "staff"]);
    expect(limitsFor("dana", quotas, groups).get("maxRunningSessions")).toEqual({
      value: 4,
      quota: "designers",
    });
  });

  it("without the annotation, the user has the namespace default", () => {
    expect(
      limitsFor("dana", quotas, ownerGroups(sessionWithGroups(undefined))).get("maxRunningSessions"),
    ).toEqual({
      value: 1,
      quota: "default",
    });
  });

  it("a malformed annotation counts as no groups, so it can never raise a limit", () => {
    for (const bad of ["designers", '{"0":"designers"}', '["designers", 3]', "[", "null"]) {
      expect(ownerGroups(sessionWithGroups(bad))).toEqual([]);
    }
  });
});
