/**
 * Where to send a browser after a login, from a path the request named: a path on this site, else "/".
 * An open redirect would let a link send a fresh login anywhere. The path is read the way a browser reads
 * a Location (the WHATWG URL parser: tabs and newlines dropped, "\" as "/"), so "/\t/evil.example" and
 * "/\\evil.example", which a browser resolves to another site, are refused; the answer is that reading.
 */
export function localReturnPath(path: string | null | undefined): string {
  if (!path?.startsWith("/")) return "/";
  const base = "http://streamspace.invalid";
  try {
    const url = new URL(path, base);
    return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
