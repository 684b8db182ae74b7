// After a login the browser goes back only to a path on this site, read as the browser will read it.
import { describe, expect, it } from "vitest";
import { localReturnPath } from "../../src/identity/return-path.js";

describe("localReturnPath", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(localReturnPath("/catalog?tag=ide#top")).toBe("/catalog?tag=ide#top");
    expect(localReturnPath("/sessions/a b")).toBe("/sessions/a%20b");
  });

  it.each([
    ["another site", "https://evil.example/"],
    ["a protocol-relative address", "//evil.example/"],
    ["a backslash the browser reads as a slash", "/\\evil.example/"],
    ["a tab the browser drops", "/\t/evil.example/"],
    ["a newline the browser drops", "/\n/evil.example/"],
    ["a relative path", "catalog"],
    ["nothing", undefined],
  ])("sends %s to /", (_, path) => {
    expect(localReturnPath(path)).toBe("/");
  });
});
