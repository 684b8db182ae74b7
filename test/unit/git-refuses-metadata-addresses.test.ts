// The git client never connects to a link-local or metadata address: not given literally, not
// reached by a redirect, and not smuggled in by a DNS answer (names are checked after resolution,
// when connecting). The DNS server here is a fake resolver (no DNS server can run in the test);
// the HTTP server and client are real, on loopback.
import type { LookupAddress } from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guardedLookup, isRefusedAddress } from "../../src/git/address-guard.js";
import { SyncError } from "../../src/git/errors.js";
import { boundedHttpClient } from "../../src/git/http-client.js";

let server: http.Server;
let port = 0;
let requests = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests++;
    if (req.url === "/redirect") res.writeHead(302, { location: "http://169.254.169.254/latest/" }).end();
    else res.writeHead(200).end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A fake DNS: every name resolves to `address` (and the test server's loopback for "good.test"). */
function fakeResolver(address: string) {
  return ((hostname: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) => {
    const answer = hostname === "good.test" ? "127.0.0.1" : address;
    callback(null, [{ address: answer, family: answer.includes(":") ? 6 : 4 }]);
  }) as never;
}

function client(address = "127.0.0.1") {
  return boundedHttpClient({
    signal: AbortSignal.timeout(5000),
    maxBytes: 2 ** 20,
    maxObjectBytes: 2 ** 20,
    lookup: guardedLookup(fakeResolver(address)),
  });
}

async function refusal(url: string, address?: string): Promise<SyncError> {
  const err = await client(address)
    .request({ url, method: "GET", headers: {} })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(SyncError);
  return err as SyncError;
}

describe("git requests refuse link-local and metadata addresses", () => {
  it("refuses a name whose DNS answer is the metadata address, before connecting", async () => {
    const before = requests;
    const err = await refusal(`http://metadata.test:${port}/x.git/info/refs`, "169.254.169.254");
    expect(err.reason).toBe("InvalidSpec");
    expect(err.message).toBe(
      "spec.url: metadata.test is resolved to 169.254.169.254, a link-local or metadata address, which repositories may not use",
    );
    expect(requests).toBe(before);
  });

  it("refuses names resolving to IPv6 link-local or AWS's IPv6 metadata address", async () => {
    expect((await refusal(`http://a.test:${port}/`, "fd00:ec2::254")).reason).toBe("InvalidSpec");
    expect((await refusal(`http://b.test:${port}/`, "fe80::1")).reason).toBe("InvalidSpec");
  });

  it("refuses a redirect to the metadata address", async () => {
    const err = await refusal(`http://good.test:${port}/redirect`);
    expect(err.message).toContain("169.254.169.254 is a link-local or metadata address");
  });

  it("connects to an ordinary address", async () => {
    const res = await client().request({ url: `http://good.test:${port}/`, method: "GET", headers: {} });
    expect(res.statusCode).toBe(200);
  });

  it("classifies addresses", () => {
    for (const a of ["169.254.169.254", "169.254.0.1", "fd00:ec2::254", "fe80::1", "::ffff:169.254.169.254"])
      expect(isRefusedAddress(a)).toBe(true);
    for (const a of ["127.0.0.1", "140.82.112.3", "2606:4700::1", "fd00:ec2::253"])
      expect(isRefusedAddress(a)).toBe(false);
  });
});
