// `streamspace api` without the gateway in its process must sign tickets a separate gateway can verify:
// it refuses to start without the shared keys, naming them, before contacting anything.
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiCommand } from "../../src/cli/api-command.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("streamspace api and the ticket keys", () => {
  it("names the gateway flags and the keys in its usage", () => {
    expect(apiCommand.usage).toMatch(/--gateway-port N.*--no-gateway.*--ticket-keys-file/s);
  });

  it("refuses --no-gateway without keys, saying which variable to set and how to make a key", async () => {
    vi.stubEnv("STREAMSPACE_TICKET_KEYS", "");
    await expect(apiCommand.run({ "no-gateway": true }, [])).rejects.toThrow(
      /--no-gateway: .*set STREAMSPACE_TICKET_KEYS .*openssl rand -base64 32/,
    );
  });

  it("names a key that is too short", async () => {
    vi.stubEnv("STREAMSPACE_TICKET_KEYS", `k=${Buffer.alloc(8, 1).toString("base64")}`);
    await expect(apiCommand.run({ "no-gateway": true }, [])).rejects.toThrow(
      /key k has 8 bytes; use at least 32/,
    );
  });

  it("names a bad gateway port", async () => {
    await expect(apiCommand.run({ "gateway-port": "eighty" }, [])).rejects.toThrow(
      /--gateway-port: "eighty" is not a port number/,
    );
  });
});
