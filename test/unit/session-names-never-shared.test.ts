// Two Sessions never get the same object name or pod selector, however their names are chosen: a
// name kept as it is must not equal the hashed form of another.
import { describe, expect, it } from "vitest";
import { sessionSelector } from "../../constructs/session/labels.js";
import { labelValue, sessionObjectName, userHomeName } from "../../src/api/names.js";

const hashedForm = (name: string) => sessionObjectName(name).replace(/^ss-/, "");

describe("names derived from Session names", () => {
  it("differ for alice.firefox and a Session named after alice.firefox's hashed name", () => {
    const forged = hashedForm("alice.firefox");
    expect(forged).toMatch(/^alice-firefox-[0-9a-f]{10}$/);
    expect(sessionObjectName(forged)).not.toBe(sessionObjectName("alice.firefox"));
  });

  it("give different pod selectors to a long Session name and one named after its hashed label", () => {
    const long = `${"a".repeat(70)}.firefox`;
    const forged = labelValue(long);
    expect(forged.length).toBeLessThanOrEqual(63);
    expect(sessionSelector(forged)).not.toEqual(sessionSelector(long));
  });

  it("give different homes to Alice@Example.com and a user named after its hashed label", () => {
    const forged = userHomeName("Alice@Example.com").replace(/^home-/, "");
    expect(userHomeName(forged)).not.toBe(userHomeName("Alice@Example.com"));
  });

  it("stay as they are for ordinary names", () => {
    expect(sessionObjectName("alice-firefox")).toBe("ss-alice-firefox");
    expect(labelValue("alice-firefox-2")).toBe("alice-firefox-2");
  });
});
