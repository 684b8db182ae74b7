// The first admin (STREAMSPACE_ADMIN_USERNAME/PASSWORD) exists before `streamspace api` answers at all:
// a script, or a readiness probe, that sees the API answer can log in at once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { ApiClient } from "../support/api.js";
import { type ApiCommand, startApiCommand } from "../support/api-command.js";
import { useNamespace } from "../support/kube.js";
import { installCrds } from "../support/streamspace.js";

const ns = useNamespace("api-first-admin");
let api: ApiCommand;

beforeAll(async () => {
  await installCrds();
  api = await startApiCommand({ namespace: ns.name, sessionNamespace: ns.name });
}, 60_000);

afterAll(async () => {
  await api?.stop();
});

it("logs the first admin in at the first moment the API answers", async () => {
  await api.answers("/healthz", 5);
  expect((await new ApiClient(api.base).login("root")).status).toBe(200);
}, 90_000);
