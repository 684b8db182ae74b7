import { createHmac } from "node:crypto";
import { expect, test } from "vitest";
import { type Signature, signatureOf, verifySignature } from "../../src/controllers/repository/webhook.js";

const secret = "s3cret-webhook-token";
const body = Buffer.from(
  JSON.stringify({ ref: "refs/heads/main", repository: { clone_url: "https://x/y.git" } }),
);
/** The signature the headers carry; fails the test when they carry none. */
function signed(headers: Record<string, string>, style: Signature["style"]): Signature {
  const sig = signatureOf(headers);
  expect(sig?.style).toBe(style);
  if (!sig) throw new Error(`no ${style} signature found in ${JSON.stringify(headers)}`);
  return sig;
}
const hex = (key: string | Buffer, data: string | Buffer) =>
  createHmac("sha256", key).update(data).digest("hex");

test("GitHub: X-Hub-Signature-256 with the right secret verifies, any other secret or body does not", () => {
  const sig = signed({ "x-hub-signature-256": `sha256=${hex(secret, body)}` }, "github");
  expect(verifySignature(sig, secret, body)).toBe(true);
  expect(verifySignature(sig, "another-secret", body)).toBe(false);
  expect(verifySignature(sig, secret, Buffer.concat([body, Buffer.from(" ")]))).toBe(false);
});

test.each(["x-gitea-signature", "x-forgejo-signature", "x-gogs-signature"])(
  "Gitea style: %s carries the bare hex HMAC",
  (header) => {
    const sig = signed({ [header]: hex(secret, body) }, "gitea");
    expect(verifySignature(sig, secret, body)).toBe(true);
    expect(verifySignature(sig, "wrong", body)).toBe(false);
  },
);

test("GitLab signing token (Standard Webhooks): id.timestamp.body, base64, and a stale timestamp is refused", () => {
  const key = Buffer.from("0123456789abcdef0123456789abcdef");
  const whsec = `whsec_${key.toString("base64")}`;
  const now = 1_800_000_000_000;
  const timestamp = String(now / 1000);
  const mac = createHmac("sha256", key).update(`msg_1.${timestamp}.`).update(body).digest("base64");
  const headers = { "webhook-id": "msg_1", "webhook-timestamp": timestamp, "webhook-signature": `v1,${mac}` };
  const sig = signed(headers, "standard");
  expect(verifySignature(sig, whsec, body, now)).toBe(true);
  expect(verifySignature(sig, whsec, body, now + 10 * 60_000)).toBe(false);
  expect(verifySignature(sig, `whsec_${Buffer.from("x".repeat(32)).toString("base64")}`, body, now)).toBe(
    false,
  );
});

test("GitLab secret token: X-Gitlab-Token must equal the secret", () => {
  const sig = signed({ "x-gitlab-token": secret }, "gitlab-token");
  expect(verifySignature(sig, secret, body)).toBe(true);
  expect(verifySignature(sig, `${secret}x`, body)).toBe(false);
});

test("a request with no known signature header has no signature; an empty secret verifies nothing", () => {
  expect(signatureOf({ "x-github-event": "push" })).toBeUndefined();
  const sig = signed({ "x-hub-signature-256": `sha256=${hex("", body)}` }, "github");
  // Signed with the empty key, so only the empty secret could match it: and that one is refused.
  expect(verifySignature(sig, "", body)).toBe(false);
});
