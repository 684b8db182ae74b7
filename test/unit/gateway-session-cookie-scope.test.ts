// The session cookie can live in the portal's frame (partitioned, SameSite=None) wherever browsers
// accept Secure cookies, and falls back to Lax where they cannot (plain HTTP on a real name).
import { describe, expect, it } from "vitest";
import { setCookieHeader } from "../../src/gateway/auth.js";
import { SessionOrigins } from "../../src/gateway/origin.js";

const cookie = (sessionsUrl: string) => setCookieHeader(new SessionOrigins(sessionsUrl), "v", 60);

describe("the session cookie's scope", () => {
  it("is Secure, SameSite=None and Partitioned over HTTPS, with the __Host- prefix", () => {
    expect(cookie("https://sessions.example.com")).toBe(
      "__Host-streamspace-session=v; Path=/; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age=60",
    );
  });

  it("is Secure, SameSite=None and Partitioned on http://*.localhost, a secure context", () => {
    expect(cookie("http://localhost:8082")).toBe(
      "streamspace-session=v; Path=/; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age=60",
    );
  });

  it("is SameSite=Lax without Secure over plain HTTP on another name", () => {
    expect(cookie("http://sessions.lan:8082")).toBe(
      "streamspace-session=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60",
    );
  });
});
