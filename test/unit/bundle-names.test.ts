import { describe, expect, it } from "vitest";
import { labelValue, sessionObjectName, userHomeName } from "../../src/api/names.js";
import {
  bundle,
  bundleSettings,
  DNS_1035_LABEL,
  type IngressJson,
  type KubeObject,
  LABEL_VALUE,
  makeSession,
  only,
} from "./fixtures/session-fixtures.js";

/** A valid DNS subdomain (what Kubernetes allows as a Session's name) of exactly `length` characters. */
function subdomain(length: number, seed: string): string {
  const labels: string[] = [];
  let total = 0;
  for (let i = 0; total < length; i++) {
    const room = length - total - (labels.length ? 1 : 0);
    const label = `${seed}${i}`.padEnd(Math.min(63, room), "x").slice(0, Math.min(63, room));
    labels.push(label);
    total += label.length + (labels.length > 1 ? 1 : 0);
  }
  const name = labels.join(".");
  if (
    name.length !== length ||
    !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)
  )
    throw new Error(`bad fixture name ${name}`);
  return name;
}

const perSession = bundleSettings({ sessions: { home: { mode: "perSession" } } });

function names(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => o.metadata.name);
}

function allLabelValues(objects: readonly KubeObject[]): string[] {
  const values: string[] = [];
  for (const object of objects) {
    values.push(...Object.values(object.metadata.labels ?? {}));
    const spec = object.spec as {
      selector?: Record<string, string> | { matchLabels?: Record<string, string> };
      template?: { metadata?: { labels?: Record<string, string> } };
    };
    const selector = spec?.selector;
    if (selector)
      values.push(...Object.values((selector as { matchLabels?: object }).matchLabels ?? selector));
    values.push(...Object.values(spec?.template?.metadata?.labels ?? {}));
  }
  return values;
}

function expectValidNames(objects: readonly KubeObject[]) {
  expect(objects.length).toBeGreaterThanOrEqual(4);
  for (const name of names(objects)) {
    expect(name.length, name).toBeLessThanOrEqual(63);
    expect(name, "a DNS-1035 label").toMatch(DNS_1035_LABEL);
  }
  const host = only<IngressJson>(objects, "Ingress").spec.rules[0]?.host ?? "";
  for (const label of host.split(".")) {
    expect(label.length, host).toBeLessThanOrEqual(63);
    expect(label, host).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  }
  for (const value of allLabelValues(objects)) {
    expect(value.length, value).toBeLessThanOrEqual(63);
    expect(value, "a label value").toMatch(LABEL_VALUE);
  }
}

describe("object names of a Session's bundle", () => {
  for (const length of [63, 253]) {
    it(`are DNS-1035 labels of at most 63 characters for a ${length}-character Session name with dots`, () => {
      const name = subdomain(length, "my.desktop");
      expect(name).toContain(".");
      const objects = bundle({ session: makeSession({ name }), settings: perSession });
      expectValidNames(objects);
      // Still recognisable: the name starts from the Session's.
      expect(only(objects, "Deployment").metadata.name).toMatch(/^ss-my-desktop/);
    });
  }

  it("stay distinct for two long Session names that share their first 200 characters", () => {
    const prefix = subdomain(200, "shared");
    const a = bundle({ session: makeSession({ name: `${prefix}.alpha-session` }), settings: perSession });
    const b = bundle({ session: makeSession({ name: `${prefix}.bravo-session` }), settings: perSession });
    expectValidNames(a);
    expectValidNames(b);
    for (const kind of ["Deployment", "Service", "Ingress", "PersistentVolumeClaim"]) {
      expect(only(a, kind).metadata.name, kind).not.toBe(only(b, kind).metadata.name);
    }
    expect(only<IngressJson>(a, "Ingress").spec.rules[0]?.host).not.toBe(
      only<IngressJson>(b, "Ingress").spec.rules[0]?.host,
    );
  });

  it("stay distinct for Session names that differ only by a dot instead of a dash", () => {
    for (const [dotted, dashed] of [
      ["a.b", "a-b"],
      ["team.alice.firefox", "team-alice-firefox"],
    ] as const) {
      const a = bundle({ session: makeSession({ name: dotted }), settings: perSession });
      const b = bundle({ session: makeSession({ name: dashed }), settings: perSession });
      expectValidNames(a);
      expectValidNames(b);
      expect(names(a).filter((n) => names(b).includes(n))).toEqual([]);
    }
  });

  it("are unchanged for a short Session name that is already a valid label", () => {
    expect(sessionObjectName("alice-firefox")).toBe("ss-alice-firefox");
  });

  it("are the same every time for the same Session", () => {
    const name = subdomain(253, "stable");
    expect(sessionObjectName(name)).toBe(sessionObjectName(name));
    expect(bundle({ session: makeSession({ name }) })).toEqual(bundle({ session: makeSession({ name }) }));
  });
});

describe("label values", () => {
  it("are valid for an e-mail user, and the exact user is kept in an annotation", () => {
    const user = "alice.o'brien+streaming@example.com";
    const objects = bundle({ session: makeSession({ spec: { user } }) });
    expectValidNames(objects);
    for (const object of objects) {
      const label = object.metadata.labels?.["streamspace.io/user"];
      expect(label, object.kind).toBeDefined();
      expect(label).toMatch(LABEL_VALUE);
      expect(object.metadata.annotations?.["streamspace.io/user"], object.kind).toBe(user);
    }
  });

  it("tell apart users whose names only differ in characters a label cannot hold", () => {
    const users = ["alice@example.com", "alice#example.com", "alice@example-com", "Alice@example.com"];
    const values = users.map(labelValue);
    expect(new Set(values).size).toBe(users.length);
    const homes = users.map(userHomeName);
    expect(new Set(homes).size).toBe(users.length);
    for (const value of values) expect(value).toMatch(LABEL_VALUE);
    for (const home of homes) expect(home).toMatch(DNS_1035_LABEL);
  });

  it("are valid for a 253-character user name", () => {
    const value = labelValue(`${"u".repeat(240)}@example.com`);
    expect(value.length).toBeLessThanOrEqual(63);
    expect(value).toMatch(LABEL_VALUE);
  });
});
