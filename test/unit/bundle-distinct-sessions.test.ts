import { describe, expect, it } from "vitest";
import {
  bundle,
  bundleSettings,
  type DeploymentJson,
  type IngressJson,
  type KubeObject,
  makeSession,
  only,
  type ServiceJson,
} from "./fixtures/session-fixtures.js";

/** Does a label selector pick a pod with these labels? */
function selects(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function podLabels(objects: readonly KubeObject[]): Record<string, string> {
  return only<DeploymentJson>(objects, "Deployment").spec.template.metadata.labels;
}

// Alice runs two Firefoxes: same user, same template, two Sessions.
const first = makeSession({ name: "alice-firefox-work", uid: "uid-1" });
const second = makeSession({ name: "alice-firefox-private", uid: "uid-2" });

describe("two Sessions of the same user and Template", () => {
  const a = bundle({ session: first });
  const b = bundle({ session: second });

  it("get distinct Deployment, Service and Ingress names", () => {
    for (const kind of ["Deployment", "Service", "Ingress"]) {
      expect(only(a, kind).metadata.name, kind).not.toBe(only(b, kind).metadata.name);
    }
  });

  it("get distinct URLs", () => {
    const hostA = only<IngressJson>(a, "Ingress").spec.rules[0]?.host;
    const hostB = only<IngressJson>(b, "Ingress").spec.rules[0]?.host;
    expect(hostA).toBeDefined();
    expect(hostA).not.toBe(hostB);
  });

  it("each select only their own pod, so one Service never routes to the other Session", () => {
    const deploymentA = only<DeploymentJson>(a, "Deployment");
    const deploymentB = only<DeploymentJson>(b, "Deployment");
    expect(deploymentA.spec.selector.matchLabels).not.toEqual(deploymentB.spec.selector.matchLabels);

    const serviceA = only<ServiceJson>(a, "Service").spec.selector;
    const serviceB = only<ServiceJson>(b, "Service").spec.selector;
    expect(selects(serviceA, podLabels(a))).toBe(true);
    expect(selects(serviceB, podLabels(b))).toBe(true);
    expect(selects(serviceA, podLabels(b))).toBe(false);
    expect(selects(serviceB, podLabels(a))).toBe(false);
    expect(selects(deploymentA.spec.selector.matchLabels, podLabels(b))).toBe(false);
    expect(selects(deploymentB.spec.selector.matchLabels, podLabels(a))).toBe(false);
  });

  it("each route their Ingress to their own Service", () => {
    for (const objects of [a, b]) {
      const backend = only<IngressJson>(objects, "Ingress").spec.rules[0]?.http.paths[0]?.backend.service
        .name;
      expect(backend).toBe(only(objects, "Service").metadata.name);
    }
  });

  it("share one home volume in per-user mode (the default): the very same PVC object", () => {
    const claimA = only(a, "PersistentVolumeClaim");
    const claimB = only(b, "PersistentVolumeClaim");
    // Identical, so applying either Session's bundle never changes the other's volume.
    expect(claimA).toEqual(claimB);
    const mounted = (objects: KubeObject[]) =>
      only<DeploymentJson>(objects, "Deployment").spec.template.spec.volumes.find((v) => v.name === "home")
        ?.persistentVolumeClaim?.claimName;
    expect(mounted(a)).toBe(claimA.metadata.name);
    expect(mounted(b)).toBe(claimA.metadata.name);
  });

  it("get a home volume each in per-session mode", () => {
    const settings = bundleSettings({ sessions: { home: { mode: "perSession" } } });
    const claimA = only(bundle({ session: first, settings }), "PersistentVolumeClaim");
    const claimB = only(bundle({ session: second, settings }), "PersistentVolumeClaim");
    expect(claimA.metadata.name).not.toBe(claimB.metadata.name);
  });

  it("of two different users never share a home volume", () => {
    const bob = makeSession({ name: "bob-firefox", spec: { user: "bob@example.com" } });
    expect(only(bundle({ session: bob }), "PersistentVolumeClaim").metadata.name).not.toBe(
      only(a, "PersistentVolumeClaim").metadata.name,
    );
  });
});
