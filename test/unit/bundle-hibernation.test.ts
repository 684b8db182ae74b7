import { describe, expect, it } from "vitest";
import {
  bundle,
  bundleSettings,
  type DeploymentJson,
  kindsOf,
  makeSession,
  only,
} from "./fixtures/session-fixtures.js";

const stateBundle = (state: "running" | "hibernated" | "terminated", settings = bundleSettings()) =>
  bundle({ session: makeSession({ spec: { state } }), settings });

describe("a Session's state decides what its bundle holds", () => {
  const running = stateBundle("running");
  const hibernated = stateBundle("hibernated");
  const terminated = stateBundle("terminated");

  it("running: one replica, with Service, Ingress and home volume", () => {
    expect(kindsOf(running)).toEqual(["Deployment", "Ingress", "PersistentVolumeClaim", "Service"]);
    expect(only<DeploymentJson>(running, "Deployment").spec.replicas).toBe(1);
  });

  it("hibernated: scaled to zero, and the home volume is still there, unchanged", () => {
    expect(kindsOf(hibernated)).toEqual(kindsOf(running));
    expect(only<DeploymentJson>(hibernated, "Deployment").spec.replicas).toBe(0);
    expect(only(hibernated, "PersistentVolumeClaim")).toEqual(only(running, "PersistentVolumeClaim"));
  });

  it("hibernated: only the replica count changes, so waking up gives back the same pod", () => {
    const asleep = only<DeploymentJson>(hibernated, "Deployment");
    const awake = only<DeploymentJson>(running, "Deployment");
    expect({ ...asleep, spec: { ...asleep.spec, replicas: 1 } }).toEqual(awake);
    expect(only(hibernated, "Service")).toEqual(only(running, "Service"));
    expect(only(hibernated, "Ingress")).toEqual(only(running, "Ingress"));
  });

  it("terminated: only the home volume is left (no Deployment, Service or Ingress)", () => {
    expect(kindsOf(terminated)).toEqual(["PersistentVolumeClaim"]);
    expect(only(terminated, "PersistentVolumeClaim")).toEqual(only(running, "PersistentVolumeClaim"));
  });

  it("terminated in per-session home mode still keeps that session's home volume", () => {
    const settings = bundleSettings({ sessions: { home: { mode: "perSession" } } });
    const kept = stateBundle("terminated", settings);
    expect(kindsOf(kept)).toEqual(["PersistentVolumeClaim"]);
    expect(only(kept, "PersistentVolumeClaim")).toEqual(
      only(stateBundle("running", settings), "PersistentVolumeClaim"),
    );
  });

  it("without a persistent home, terminated leaves nothing and hibernated has no volume claim", () => {
    const ephemeral = (state: "hibernated" | "terminated") =>
      bundle({ session: makeSession({ spec: { state, persistentHome: false } }) });
    expect(ephemeral("terminated")).toEqual([]);
    const asleep = ephemeral("hibernated");
    expect(kindsOf(asleep)).toEqual(["Deployment", "Ingress", "Service"]);
    expect(only<DeploymentJson>(asleep, "Deployment").spec.replicas).toBe(0);
  });
});
