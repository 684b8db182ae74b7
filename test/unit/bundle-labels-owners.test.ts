import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resolvePlatformConfig } from "../../src/config/platform-config.js";
import { synthesize } from "../../src/synth/synthesize.js";
import {
  bundle,
  bundleSettings,
  type DeploymentJson,
  GROUP_VERSION,
  type KubeObject,
  LABEL_VALUE,
  makeSession,
  only,
} from "./fixtures/session-fixtures.js";

const SESSION = "alice-firefox";
const UID = "0d8e5a43-6a9b-4f0e-b2a6-51c3f1e2d7aa";
const session = makeSession({ name: SESSION, uid: UID, spec: { user: "alice", template: "firefox" } });
const objects = bundle({ session });
const WORKLOAD = ["Deployment", "Service", "Ingress"];

interface NetworkPolicyJson {
  kind: string;
  metadata: { namespace?: string };
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    ingress?: { from?: { namespaceSelector?: { matchLabels?: Record<string, string> } }[] }[];
  };
}

const workload = () => objects.filter((o) => WORKLOAD.includes(o.kind));

describe("labels of a Session's bundle", () => {
  it("Deployment, Service and Ingress carry the app.kubernetes.io labels and session, user and template", () => {
    expect(
      workload()
        .map((o) => o.kind)
        .sort(),
    ).toEqual([...WORKLOAD].sort());
    for (const object of workload()) {
      const labels = object.metadata.labels ?? {};
      expect(labels, object.kind).toMatchObject({
        "streamspace.io/session": SESSION,
        "streamspace.io/user": "alice",
        "streamspace.io/template": "firefox",
        "app.kubernetes.io/name": "firefox",
        "app.kubernetes.io/instance": only(objects, "Deployment").metadata.name,
        "app.kubernetes.io/component": "session",
        "app.kubernetes.io/part-of": "streamspace",
        "app.kubernetes.io/managed-by": "streamspace",
      });
      for (const value of Object.values(labels)) expect(value).toMatch(LABEL_VALUE);
    }
  });

  it("the pod template carries the same labels, and the Deployment's selector matches them", () => {
    const deployment = only<DeploymentJson>(objects, "Deployment");
    const podLabels = deployment.spec.template.metadata.labels;
    expect(podLabels).toEqual(deployment.metadata.labels);
    expect(podLabels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(Object.keys(deployment.spec.selector.matchLabels).length).toBeGreaterThan(0);
  });

  it("the pod's labels are what the platform's NetworkPolicy lets the ingress controller reach", () => {
    const config = resolvePlatformConfig({});
    const policies = [...synthesize(config).values()]
      .map((text) => parse(text) as NetworkPolicyJson)
      .filter((o) => o.kind === "NetworkPolicy" && o.metadata.namespace === config.sessionNamespace);
    const fromIngressController = policies.filter((p) =>
      (p.spec.ingress ?? []).some((rule) =>
        (rule.from ?? []).some(
          (peer) =>
            peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] ===
            config.ingress.controllerNamespace,
        ),
      ),
    );
    expect(fromIngressController.length).toBeGreaterThan(0);
    const podLabels = only<DeploymentJson>(objects, "Deployment").spec.template.metadata.labels;
    expect(
      fromIngressController.some((p) =>
        Object.entries(p.spec.podSelector.matchLabels ?? {}).every(
          ([key, value]) => podLabels[key] === value,
        ),
      ),
    ).toBe(true);
  });

  it("the home volume carries the user's labels, marked as a home and not as one session's", () => {
    const claim = only(objects, "PersistentVolumeClaim");
    expect(claim.metadata.labels).toMatchObject({
      "streamspace.io/user": "alice",
      "app.kubernetes.io/component": "home",
      "app.kubernetes.io/part-of": "streamspace",
      "app.kubernetes.io/managed-by": "streamspace",
    });
    // Per user, it is shared by the user's sessions: a session label would flip with every apply.
    expect(claim.metadata.labels).not.toHaveProperty(["streamspace.io/session"]);
    expect(claim.metadata.annotations?.["streamspace.io/user"]).toBe("alice");
  });
});

describe("owner references of a Session's bundle", () => {
  const expectedOwner = {
    apiVersion: GROUP_VERSION,
    kind: "Session",
    name: SESSION,
    uid: UID,
    controller: true,
  };

  it("Deployment, Service and Ingress are owned by the Session (controller), so deleting it deletes them", () => {
    for (const object of workload()) {
      expect(object.metadata.ownerReferences, object.kind).toHaveLength(1);
      expect(object.metadata.ownerReferences?.[0], object.kind).toMatchObject(expectedOwner);
    }
  });

  it("the home volume has no owner: it outlives the Session", () => {
    expect(only(objects, "PersistentVolumeClaim").metadata.ownerReferences ?? []).toEqual([]);
    const perSession = bundle({
      session,
      settings: bundleSettings({ sessions: { home: { mode: "perSession" } } }),
    });
    expect(only(perSession, "PersistentVolumeClaim").metadata.ownerReferences ?? []).toEqual([]);
  });

  it("a Session without a uid yet (not created) gets no owner references rather than a broken one", () => {
    const unsaved = bundle({ session: makeSession({ name: SESSION, uid: null }) });
    expect(unsaved.length).toBeGreaterThan(0);
    for (const object of unsaved as KubeObject[]) {
      expect(object.metadata.ownerReferences ?? [], object.kind).toEqual([]);
    }
  });
});
