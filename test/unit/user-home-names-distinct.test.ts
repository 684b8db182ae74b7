// Two users never share a home volume: a user name that looks like the shortened form of another
// (its sanitized stem and hash) gets a name of its own.
import { describe, expect, it } from "vitest";
import { sessionHomeName, shortHash, userHomeName } from "../../src/api/names.js";

describe("user home names are distinct", () => {
  it("gives the user named like Alice@Example.com's shortened form another home", () => {
    const shortened = userHomeName("Alice@Example.com");
    expect(shortened).toBe(`home-alice-example-com-${shortHash("Alice@Example.com")}`);
    const lookalike = shortened.slice("home-".length);
    expect(userHomeName(lookalike)).not.toBe(shortened);
  });

  it("gives a user named like a bare hash another home than a user whose name sanitizes to nothing", () => {
    expect(userHomeName(shortHash("@@@"))).not.toBe(userHomeName("@@@"));
  });

  it("keeps the plain name for plain users, and names valid DNS labels", () => {
    expect(userHomeName("alice")).toBe("home-alice");
    for (const user of ["alice", "Alice@Example.com", `alice-${shortHash("x")}`, "x".repeat(200)]) {
      expect(userHomeName(user)).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
    }
  });

  it("never gives a user the home volume of a session", () => {
    expect(userHomeName("ss-x")).not.toBe(sessionHomeName("x"));
    expect(userHomeName("sshome-x")).not.toBe(sessionHomeName("x"));
  });
});
