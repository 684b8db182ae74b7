import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { SyncError } from "./errors.js";

// A TemplateRepository's URL is chosen by whoever may create one: the reconciler must not become
// their way to the cloud's metadata service (credentials of the node) or to the link-local network.
// Names are checked after resolution, at connection time, so that a DNS answer cannot smuggle such
// an address in; literal addresses before any request; redirects like the first request.

const REFUSED = new BlockList();
REFUSED.addSubnet("169.254.0.0", 16, "ipv4"); // link-local, with 169.254.169.254 (AWS, GCP, Azure)
REFUSED.addSubnet("fe80::", 10, "ipv6"); // link-local
REFUSED.addAddress("fd00:ec2::254", "ipv6"); // AWS's IPv6 metadata service

/** Whether the reconciler refuses to connect to this IP address. */
export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  // BlockList matches IPv4-mapped IPv6 (::ffff:169.254.169.254) against the IPv4 rules too.
  return REFUSED.check(address, family === 4 ? "ipv4" : "ipv6");
}

function refused(host: string, address: string): SyncError {
  return new SyncError(
    "InvalidSpec",
    `spec.url: ${host} is ${host === address ? "" : `resolved to ${address}, `}a link-local or metadata address, which repositories may not use`,
  );
}

type Resolve = typeof dnsLookup;
type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request that resolves like the system does and refuses the connection
 * when any address of the answer is link-local or a metadata address. `resolve` is the system
 * resolver; tests pass a fake one to play a hostile DNS server.
 */
export function guardedLookup(resolve: Resolve = dnsLookup) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isRefusedAddress(a.address));
      if (bad) return callback(refused(hostname, bad.address) as unknown as NodeJS.ErrnoException, []);
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };
}

/** The platform's allowlist (security.repositoryHosts): exact hosts, or `*.domain` for its subdomains. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const name = host.toLowerCase();
  return allowed.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith("*.") ? name.endsWith(p.slice(1)) : name === p;
  });
}

/** Checks a URL before any request to it: the allowlist, and a literal address. */
export function checkRepositoryHost(url: URL, allowedHosts: readonly string[]): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isRefusedAddress(host)) throw refused(host, host);
  if (!hostAllowed(host, allowedHosts)) {
    throw new SyncError(
      "InvalidSpec",
      `spec.url: host ${host} is not one the platform allows repositories to use (security.repositoryHosts: ${allowedHosts.join(", ")})`,
    );
  }
}
