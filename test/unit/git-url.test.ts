import { expect, test } from "vitest";
import { SyncError } from "../../src/git/errors.js";
import { checkRepositoryUrl, normalizeRepositoryUrl } from "../../src/git/url.js";

function refusal(url: string): SyncError {
  try {
    checkRepositoryUrl(url);
  } catch (err) {
    if (err instanceof SyncError) return err;
    throw err;
  }
  throw new Error(`${url} was accepted`);
}

test.each([
  ["ssh://git@github.com/org/templates.git", "a ssh:// URL"],
  ["git@github.com:org/templates.git", "an scp-style ssh address"],
  ["git://example.com/templates.git", "a git:// URL"],
  ["file:///srv/templates.git", "a file:// URL"],
])("%s is refused: only http(s) is supported", (url, what) => {
  const err = refusal(url);
  expect(err.reason).toBe("InvalidSpec");
  expect(err.message).toMatch(/^only http\(s\) is supported/);
  expect(err.message).toContain(what);
});

test("credentials in the URL are refused and pointed at spec.secretRef", () => {
  const err = refusal("https://alice:hunter2@git.example.com/templates.git");
  expect(err.reason).toBe("InvalidSpec");
  expect(err.message).toContain("spec.secretRef");
  expect(err.message).not.toContain("hunter2");
});

test("http and https URLs are accepted", () => {
  expect(checkRepositoryUrl("https://github.com/org/templates.git").host).toBe("github.com");
  expect(checkRepositoryUrl("http://127.0.0.1:8080/r.git").port).toBe("8080");
});

test("the clone URL, the web URL and a trailing slash of one repository compare equal", () => {
  const forms = [
    "https://github.com/Org/templates.git",
    "https://GitHub.com/Org/templates",
    "https://github.com/Org/templates/",
    "http://github.com:80/Org/templates.git",
  ].map(normalizeRepositoryUrl);
  expect(new Set(forms)).toEqual(new Set(["github.com/Org/templates"]));
  expect(normalizeRepositoryUrl("git@github.com:Org/templates.git")).toBeUndefined();
});
