import { SyncError } from "./errors.js";

// scp-style addresses (git@github.com:org/repo.git) have no scheme at all.
const SCP_STYLE = /^[^/:@\s]+@[^/:\s]+:/;

/**
 * The repository URL, checked: http(s) only, and no credentials in it (they would end up in logs,
 * status and the cache path; they belong in the Secret of spec.secretRef).
 */
export function checkRepositoryUrl(raw: string): URL {
  const unsupported = (what: string) =>
    new SyncError(
      "InvalidSpec",
      `only http(s) is supported: ${what} cannot be fetched; use the repository's https:// URL with a Secret (spec.secretRef) for credentials`,
    );
  if (SCP_STYLE.test(raw)) throw unsupported("an scp-style ssh address (user@host:path)");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SyncError("InvalidSpec", `spec.url is not a URL: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw unsupported(`a ${url.protocol.replace(/:$/, "")}:// URL`);
  }
  if (url.username || url.password) {
    throw new SyncError(
      "InvalidSpec",
      "spec.url must not contain credentials; put them in a Secret named by spec.secretRef",
    );
  }
  return url;
}

/**
 * A form of a repository URL under which the clone URL, the web URL and the API's `clone_url` of
 * the same repository compare equal: no scheme, lower-case host, no default port, no `.git`, no
 * trailing slash. Webhook payloads name a repository in any of these forms.
 */
export function normalizeRepositoryUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const path = url.pathname.replace(/\/+$/, "").replace(/\.git$/, "");
  return `${url.host.toLowerCase()}${path}`;
}
