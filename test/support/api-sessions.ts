// A Session launched through the API by a user, then made Running by hand with a process of the test
// behind its Service: for tests of the API and its gateway that run no reconciler.
import type { Template } from "../../src/api/generated/types.js";
import type { ApiHarness, TestUser } from "./api.js";
import { serveSessionFrom, setPhase } from "./gateway.js";
import { waitFor } from "./kube.js";
import { apply } from "./streamspace.js";

export async function launchStandIn(
  h: ApiHarness,
  template: Template,
  user: TestUser,
  backend: { readonly address: string; readonly port: number },
): Promise<string> {
  const namespace = template.metadata?.namespace ?? "";
  const templateName = template.metadata?.name ?? "";
  await apply(template);
  await waitFor(() => h.api.context.cluster.templates.store.get(`${namespace}/${templateName}`), {
    what: "the API sees the template",
    timeoutMs: 15_000,
  });
  const client = await h.as(user);
  const created = await client.post<{ name: string }>("/api/v1/sessions", { template: templateName });
  if (created.status !== 201)
    throw new Error(`launch refused: ${created.status} ${JSON.stringify(created.body)}`);
  const session = created.body.name;
  await setPhase(namespace, session, "Running");
  await serveSessionFrom(namespace, session, backend.address, backend.port);
  return session;
}
