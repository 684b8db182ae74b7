// `streamspace gateway` says what is missing instead of starting half-configured.
import { afterEach, describe, expect, it, vi } from "vitest";
import { gatewayCommand } from "../../src/cli/gateway-command.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("streamspace gateway", () => {
  it("names the ticket keys it needs in its usage", () => {
    expect(gatewayCommand.usage).toMatch(/^usage: streamspace gateway .*--ticket-keys-file/s);
  });

  it("refuses to start without ticket keys, saying how to make one", async () => {
    vi.stubEnv("STREAMSPACE_TICKET_KEYS", "");
    await expect(gatewayCommand.run({}, [])).rejects.toThrow(
      /set STREAMSPACE_TICKET_KEYS .*openssl rand -base64 32/,
    );
  });

  it("names a bad port", async () => {
    vi.stubEnv("STREAMSPACE_TICKET_KEYS", `k=${Buffer.alloc(32, 1).toString("base64")}`);
    await expect(gatewayCommand.run({ port: "eighty" }, [])).rejects.toThrow(
      /--port: "eighty" is not a port number/,
    );
  });
});
