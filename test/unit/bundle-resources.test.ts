import { describe, expect, it } from "vitest";
import type { Resources } from "../../src/api/generated/types.js";
import {
  bundle,
  bundleSettings,
  containerOf,
  desktopTemplate,
  makeSession,
} from "./fixtures/session-fixtures.js";

// Distinct amounts per source, so every resolved value shows where it came from.
const settings = bundleSettings({
  sessions: {
    cpuRequest: "101m",
    memoryRequest: "101Mi",
    cpuLimit: "1010m",
    memoryLimit: "1010Mi",
    ephemeralStorageLimit: "1010Gi",
  },
});
const PLATFORM = {
  // Scratch space is capped, not reserved: a reserved 10Gi per session would fill nodes' disks on paper.
  requests: { cpu: "101m", memory: "101Mi", "ephemeral-storage": "0" },
  limits: { cpu: "1010m", memory: "1010Mi", "ephemeral-storage": "1010Gi" },
} as const;
const FROM = {
  template: { cpu: "202m", memory: "202Mi" },
  session: { cpu: "303m", memory: "303Mi" },
} as const;

type Section = "requests" | "limits";
type Field = "cpu" | "memory";
const FIELDS: [Section, Field][] = [
  ["requests", "cpu"],
  ["requests", "memory"],
  ["limits", "cpu"],
  ["limits", "memory"],
];

/** The container's resources for a Session and Template that set at most one field each. */
function resolved(sessionResources?: Resources, templateResources?: Resources) {
  const template = desktopTemplate(templateResources ? { defaultResources: templateResources } : {});
  const session = makeSession(sessionResources ? { spec: { resources: sessionResources } } : {});
  return containerOf(bundle({ session, template, settings })).resources;
}

function only(section: Section, field: Field, value: string | number): Resources {
  return { [section]: { [field]: value } };
}

describe("a session's requests and limits: the Session's, else the Template's, else the platform's", () => {
  it("with neither Session nor Template setting any, all four come from the platform config", () => {
    expect(resolved()).toEqual(PLATFORM);
  });

  for (const [section, field] of FIELDS) {
    const expectedOthers = (value: string) => ({
      ...PLATFORM,
      [section]: { ...PLATFORM[section], [field]: value },
    });

    it(`${section}.${field}: the Template's beats the platform's, and no other field changes`, () => {
      expect(resolved(undefined, only(section, field, FROM.template[field]))).toEqual(
        expectedOthers(FROM.template[field]),
      );
    });

    it(`${section}.${field}: the Session's beats the Template's`, () => {
      expect(
        resolved(only(section, field, FROM.session[field]), only(section, field, FROM.template[field])),
      ).toEqual(expectedOthers(FROM.session[field]));
    });

    it(`${section}.${field}: the Session's beats the platform's when the Template is silent`, () => {
      expect(resolved(only(section, field, FROM.session[field]))).toEqual(
        expectedOthers(FROM.session[field]),
      );
    });
  }

  it("field by field: a Session raising only its memory limit keeps the Template's CPU and requests", () => {
    const template: Resources = {
      requests: { cpu: "500m", memory: "1Gi" },
      limits: { cpu: "2", memory: "2Gi" },
    };
    expect(resolved({ limits: { memory: "6Gi" } }, template)).toEqual({
      requests: { cpu: "500m", memory: "1Gi", "ephemeral-storage": "0" },
      limits: { cpu: "2", memory: "6Gi", "ephemeral-storage": "1010Gi" },
    });
  });

  it("a Session's requests do not leak into its limits, or the other way round", () => {
    const result = resolved({ requests: { cpu: "303m" } }, { limits: { cpu: "202m" } });
    expect(result.requests.cpu).toBe("303m");
    expect(result.limits.cpu).toBe("202m");
  });

  it("an integer quantity is kept as the same amount", () => {
    expect(resolved({ limits: { cpu: 3 } }).limits.cpu).toBe("3");
  });

  it("ephemeral storage, which the schema accepts, is never dropped; a Session may lower its limit, not raise it", () => {
    const template: Resources = { limits: { "ephemeral-storage": "2Gi" } };
    expect(resolved(undefined, template).limits["ephemeral-storage"]).toBe("2Gi");
    expect(resolved({ limits: { "ephemeral-storage": "1Gi" } }, template).limits["ephemeral-storage"]).toBe(
      "1Gi",
    );
    expect(resolved({ limits: { "ephemeral-storage": "5Gi" } }, template).limits["ephemeral-storage"]).toBe(
      "2Gi",
    );
    expect(resolved({ requests: { "ephemeral-storage": "1Gi" } }).requests["ephemeral-storage"]).toBe("1Gi");
    // Its limit has a platform default (no session may fill its node's disk); nothing is reserved unless
    // asked, or Kubernetes would reserve the whole limit on the node.
    expect(resolved().limits["ephemeral-storage"]).toBe("1010Gi");
    expect(resolved().requests["ephemeral-storage"]).toBe("0");
  });
});
