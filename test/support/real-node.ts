// Helpers for tests of sessions that really run, on the local cluster's real node (test/node/).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { REAL_NODE_PLACEMENT } from "../../scripts/cluster/real-node.js";
import type { Template } from "../../src/api/generated/types.js";
import { SESSION_LABEL } from "../../src/api/labels.js";
import { sessionObjectName } from "../../src/api/names.js";
import { kubectl, kubectlJson, waitFor } from "./kube.js";
import { type Framebuffer, readFramebuffer } from "./rfb.js";

/** Platform config that puts session pods on the real node, as an operator would. */
export const ON_REAL_NODE = { sessions: REAL_NODE_PLACEMENT };

/** A Template of test/fixtures/templates/ (catalog format), in a namespace, with spec changes. */
export function fixtureTemplate(
  file: string,
  namespace: string,
  spec: Partial<Template["spec"]> = {},
): Template {
  const template = parse(
    readFileSync(new URL(`../fixtures/templates/${file}`, import.meta.url), "utf8"),
  ) as Template;
  return { ...template, metadata: { ...template.metadata, namespace }, spec: { ...template.spec, ...spec } };
}

interface EndpointSliceList {
  items: {
    ports?: { name?: string; port?: number }[];
    endpoints?: { addresses: string[]; conditions?: { ready?: boolean }; targetRef?: { name: string } }[];
  }[];
}

/** The ready endpoint of a Session's Service: its pod's address and app port (no kube-proxy here,
 *  so a client goes where the endpoints say, as an ingress controller would). The EndpointSlice
 *  controller follows the pod's readiness a moment after the Session is Running, so this waits for it. */
export function sessionEndpoint(
  namespace: string,
  session: string,
): Promise<{ address: string; port: number; pod: string }> {
  return waitFor(
    async () => {
      const slices = await kubectlJson<EndpointSliceList>([
        "get",
        "endpointslices",
        "-n",
        namespace,
        "-l",
        `kubernetes.io/service-name=${sessionObjectName(session)}`,
      ]);
      for (const slice of slices.items) {
        const port = slice.ports?.find((p) => p.name === "app")?.port;
        const ready = slice.endpoints?.find((e) => e.conditions?.ready);
        if (port && ready?.addresses[0])
          return { address: ready.addresses[0], port, pod: ready.targetRef?.name ?? "" };
      }
      return undefined;
    },
    { what: `a ready endpoint of session ${session}`, timeoutMs: 15_000, intervalMs: 200 },
  );
}

/** What the Session's desktop shows: a framebuffer read over VNC from its Service's endpoint. */
export async function sessionScreen(
  namespace: string,
  session: string,
  timeoutMs = 30_000,
): Promise<Framebuffer> {
  return waitFor(
    async () => {
      const { address, port } = await sessionEndpoint(namespace, session);
      return readFramebuffer(address, port, 5_000);
    },
    { what: `a framebuffer from session ${session}`, timeoutMs, intervalMs: 250 },
  );
}

/** Runs a shell command in the Session's pod as the desktop user (uid 1000), as a program in the
 *  desktop would; returns its output. */
export async function inDesktop(namespace: string, pod: string, script: string): Promise<string> {
  const user = ["setpriv", "--reuid=1000", "--regid=1000", "--clear-groups"];
  return (await kubectl(["exec", "-n", namespace, pod, "--", ...user, "sh", "-c", script])).stdout;
}

/** Names of the pods of a Session that exist, terminating ones included. */
export async function sessionPods(namespace: string, session: string): Promise<string[]> {
  const pods = await kubectlJson<{ items: { metadata: { name: string } }[] }>([
    "get",
    "pods",
    "-n",
    namespace,
    "-l",
    `${SESSION_LABEL}=${session}`,
  ]);
  return pods.items.map((p) => p.metadata.name);
}
