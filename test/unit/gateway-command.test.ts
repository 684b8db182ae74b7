// `streamspace gateway` explains itself, and says what is missing instead of starting half-configured.
import { afterEach, describe, expect, it, vi } from "vitest";
import { runGatewayCommand } from "../../src/gateway/command.js";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("streamspace gateway", () => {
  it("prints its usage with --help", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(await runGatewayCommand(["--help"])).toBeUndefined();
    expect(log.mock.calls[0]?.[0]).toMatch(/^usage: streamspace gateway .*--ticket-keys-file/s);
  });

  it("refuses to start without ticket keys, saying how to make one", async () => {
    vi.stubEnv("STREAMSPACE_TICKET_KEYS", "");
    await expect(runGatewayCommand([])).rejects.toThrow(
      /set STREAMSPACE_TICKET_KEYS .*openssl rand -base64 32/,
    );
  });

  it("names a bad port", async () => {
    vi.stubEnv("STREAMSPACE_TICKET_KEYS", `k=${Buffer.alloc(32, 1).toString("base64")}`);
    await expect(runGatewayCommand(["--port", "eighty"])).rejects.toThrow(
      /--port: "eighty" is not a port number/,
    );
  });
});
