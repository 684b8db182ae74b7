// Each Session has an origin of its own, and only hosts directly under the sessions host name one.
import { describe, expect, it } from "vitest";
import { SessionOrigins } from "../../src/gateway/origin.js";

describe("session origins", () => {
  it("are <id>.<sessions host>, with https in production and *.localhost:<port> locally", () => {
    expect(new SessionOrigins("https://sessions.example.com").originOf("alice-firefox")).toBe(
      "https://ss-alice-firefox.sessions.example.com",
    );
    expect(new SessionOrigins("http://localhost:8082").originOf("alice-firefox")).toBe(
      "http://ss-alice-firefox.localhost:8082",
    );
  });

  it("name a session only for a single label right under the sessions host", () => {
    const origins = new SessionOrigins("http://localhost:8082");
    expect(origins.idOfHost("ss-a.localhost:8082")).toBe("ss-a");
    expect(origins.idOfHost("SS-A.LOCALHOST:8082")).toBe("ss-a");
    expect(origins.idOfHost("localhost:8082")).toBeUndefined();
    expect(origins.idOfHost("x.ss-a.localhost:8082")).toBeUndefined();
    expect(origins.idOfHost("ss-a.localhost:9999")).toBeUndefined();
    expect(origins.idOfHost("ss-a.localhost.evil.example:8082")).toBeUndefined();
    expect(origins.idOfHost(undefined)).toBeUndefined();
  });

  it("refuse a sessions URL with a path or another scheme, naming the setting", () => {
    expect(() => new SessionOrigins("https://example.com/sessions")).toThrow(
      /gateway.sessionsUrl: give only scheme/,
    );
    expect(() => new SessionOrigins("ftp://example.com")).toThrow(/gateway.sessionsUrl: use an http/);
    expect(() => new SessionOrigins("not a url")).toThrow(/is not a URL/);
  });
});
