// A session ticket admits one user to one Session for a short time, once; anything else is refused.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  issueTicket,
  MemorySpentTickets,
  parseSigningKeys,
  type TicketSettings,
  TokenRefused,
  verifyTicket,
  verifyToken,
} from "../../src/gateway/ticket.js";

const key = (id: string) => `${id}=${randomBytes(32).toString("base64")}`;
const grant = { user: "alice", session: "streamspace/alice-firefox", uid: "uid-1" };
const settings: TicketSettings = { keys: parseSigningKeys(key("k1")) };

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof TokenRefused) return err.reason;
    throw err;
  }
  return "accepted";
}

describe("session tickets", () => {
  it("name the user, Session and uid they were issued for", () => {
    const ticket = issueTicket(settings, grant);
    expect(verifyTicket(settings, ticket, grant.session)).toMatchObject(grant);
  });

  it("are refused for another Session, after expiry, forged, or under an unknown key", () => {
    const now = Date.now();
    const ticket = issueTicket(settings, grant, now);
    expect(refusal(() => verifyTicket(settings, ticket, "streamspace/bob-firefox"))).toBe("wrong-session");
    expect(refusal(() => verifyTicket(settings, ticket, grant.session, now + 61_000))).toBe("expired");
    const [v, k, payload, sig] = ticket.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? "", "base64url").toString()), u: "mallory" }),
    ).toString("base64url");
    expect(refusal(() => verifyTicket(settings, `${v}.${k}.${forged}.${sig}`, grant.session))).toBe(
      "bad-signature",
    );
    const other: TicketSettings = { keys: parseSigningKeys(key("k2")) };
    expect(refusal(() => verifyTicket(other, ticket, grant.session))).toBe("unknown-key");
    expect(refusal(() => verifyTicket(settings, "not-a-ticket", grant.session))).toBe("malformed");
  });

  it("are not accepted where a session cookie is expected", () => {
    const ticket = issueTicket(settings, grant);
    expect(
      refusal(() => verifyToken(settings.keys, ticket, { purpose: "cookie", session: grant.session })),
    ).toBe("wrong-purpose");
  });

  it("stay valid across a key rotation: the new key signs, the old one still verifies", () => {
    const oldKey = key("old");
    const before: TicketSettings = { keys: parseSigningKeys(oldKey) };
    const after: TicketSettings = { keys: parseSigningKeys(`${key("new")},${oldKey}`) };
    const issuedBefore = issueTicket(before, grant);
    expect(verifyTicket(after, issuedBefore, grant.session).user).toBe("alice");
    expect(issueTicket(after, grant).split(".")[1]).toBe("new");
  });

  it("are spent by their first use", async () => {
    const spent = new MemorySpentTickets();
    const t = verifyTicket(settings, issueTicket(settings, grant), grant.session);
    expect(await spent.spend(t.nonce, t.expiresAt)).toBe(true);
    expect(await spent.spend(t.nonce, t.expiresAt)).toBe(false);
  });

  it("keys that are too short or malformed are refused, naming the fix", () => {
    expect(() => parseSigningKeys(`k=${randomBytes(8).toString("base64")}`)).toThrow(/at least 32/);
    expect(() => parseSigningKeys("nokey")).toThrow(/<id>=<base64 secret>/);
    expect(() => parseSigningKeys("")).toThrow(/no key given/);
  });
});
