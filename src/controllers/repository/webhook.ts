import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalizeRepositoryUrl } from "../../git/url.js";

// Push notifications from git hosts. Each host signs differently; all are checked against the
// per-repository secret (key `token` of the Secret named by spec.webhookSecretRef):
//   GitHub               X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>
//   Gitea/Forgejo/Gogs   X-Gitea-Signature | X-Forgejo-Signature | X-Gogs-Signature: <hex HMAC-SHA256>
//   GitLab               webhook-signature: v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">
//                        (GitLab's signing token, the Standard Webhooks scheme), or, from GitLab
//                        versions without signing, X-Gitlab-Token: <the secret itself>.

/** A signature scheme found on a request. */
export type Signature =
  | { readonly style: "github" | "gitea"; readonly hex: string }
  | {
      readonly style: "standard";
      readonly id: string;
      readonly timestamp: string;
      readonly signatures: string[];
    }
  | { readonly style: "gitlab-token"; readonly token: string };

type Headers = IncomingMessage["headers"];

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function signatureOf(headers: Headers): Signature | undefined {
  const github = header(headers, "x-hub-signature-256");
  if (github?.startsWith("sha256=")) return { style: "github", hex: github.slice("sha256=".length) };
  for (const name of ["x-gitea-signature", "x-forgejo-signature", "x-gogs-signature"]) {
    const hex = header(headers, name);
    if (hex) return { style: "gitea", hex };
  }
  const standard = header(headers, "webhook-signature");
  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  if (standard && id && timestamp) {
    const signatures = standard
      .split(" ")
      .filter((s) => s.startsWith("v1,"))
      .map((s) => s.slice(3));
    return { style: "standard", id, timestamp, signatures };
  }
  const token = header(headers, "x-gitlab-token");
  if (token) return { style: "gitlab-token", token };
  return undefined;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// Standard Webhooks secrets are `whsec_<base64 key>`; anything else is used as it is.
function standardKey(secret: string): Buffer {
  return secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret);
}

/** Replayed Standard Webhooks deliveries older (or newer) than this are refused. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;

/** Whether `signature` was made with `secret` over `body`; every comparison takes constant time. */
export function verifySignature(
  signature: Signature,
  secret: string,
  body: Buffer,
  nowMs = Date.now(),
): boolean {
  if (secret === "") return false;
  switch (signature.style) {
    case "github":
    case "gitea": {
      const expected = createHmac("sha256", secret).update(body).digest();
      return /^[0-9a-f]{64}$/i.test(signature.hex) && sameBytes(Buffer.from(signature.hex, "hex"), expected);
    }
    case "standard": {
      const sent = Number(signature.timestamp);
      if (!Number.isFinite(sent) || Math.abs(nowMs / 1000 - sent) > TIMESTAMP_TOLERANCE_S) return false;
      const expected = createHmac("sha256", standardKey(secret))
        .update(`${signature.id}.${signature.timestamp}.`)
        .update(body)
        .digest();
      return signature.signatures.some((s) => sameBytes(Buffer.from(s, "base64"), expected));
    }
    case "gitlab-token":
      return sameBytes(
        createHmac("sha256", "token").update(signature.token).digest(),
        createHmac("sha256", "token").update(secret).digest(),
      );
  }
}

/**
 * The repository URLs a push payload names, normalized: GitHub and Gitea put them under
 * `repository` (clone_url, html_url), GitLab under `project` and `repository` (git_http_url,
 * web_url, homepage).
 */
export function payloadUrls(payload: unknown): string[] {
  const urls = new Set<string>();
  const p = payload as Record<string, Record<string, unknown> | undefined> | null;
  for (const section of [p?.repository, p?.project]) {
    if (!section || typeof section !== "object") continue;
    for (const key of ["clone_url", "html_url", "git_http_url", "http_url", "web_url", "homepage", "url"]) {
      const value = section[key];
      if (typeof value !== "string") continue;
      const normalized = normalizeRepositoryUrl(value);
      if (normalized) urls.add(normalized);
    }
  }
  return [...urls];
}

/** JSON, or GitHub's form encoding (`payload=<json>`). */
export function parsePayload(body: Buffer, contentType: string | undefined): unknown {
  const text = body.toString("utf8");
  if (contentType?.startsWith("application/x-www-form-urlencoded")) {
    return JSON.parse(new URLSearchParams(text).get("payload") ?? "null");
  }
  return JSON.parse(text);
}

export interface WebhookTarget {
  /** `namespace/name` */
  readonly key: string;
  /** The webhook secret; undefined when the repository has none or it cannot be read. */
  readonly secret: () => Promise<string | undefined>;
}

export interface WebhookOptions {
  /** Repositories whose normalized spec.url is one of `urls` and that name a webhook secret. */
  readonly targets: (urls: readonly string[]) => WebhookTarget[];
  /** Asks for an immediate sync of one repository. */
  readonly trigger: (key: string) => Promise<void>;
  readonly maxBodyBytes?: number;
  readonly onError?: (err: unknown) => void;
}

function reply(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { "content-type": "application/json" }).end(`${JSON.stringify(body)}\n`);
}

/**
 * The `/hooks/git` endpoint: checks the signature against each repository with the payload's URL
 * and triggers a sync of those it matches. 202 with the repositories triggered; 401 when no
 * repository's secret matches; 404 when no repository with a webhook secret has that URL.
 */
export function createWebhookHandler(
  opts: WebhookOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBody = opts.maxBodyBytes ?? 2 ** 20;
  return (req, res) => {
    if (req.method !== "POST") {
      reply(res, 405, { error: "POST a push event here" });
      return;
    }
    const signature = signatureOf(req.headers);
    if (!signature) {
      reply(res, 401, {
        error: "unsigned: no X-Hub-Signature-256, X-Gitea-Signature, webhook-signature or X-Gitlab-Token",
      });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        if (!tooLarge) reply(res, 413, { error: `payload over ${maxBody} bytes` });
        tooLarge = true;
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      if (tooLarge) return;
      handle(Buffer.concat(chunks), req.headers["content-type"], signature).catch((err) => {
        opts.onError?.(err);
        if (!res.headersSent) reply(res, 500, { error: "could not trigger a sync" });
      });
    });

    async function handle(body: Buffer, contentType: string | undefined, sig: Signature): Promise<void> {
      let payload: unknown;
      try {
        payload = parsePayload(body, contentType);
      } catch {
        reply(res, 400, { error: "the payload is not JSON" });
        return;
      }
      const targets = opts.targets(payloadUrls(payload));
      if (targets.length === 0) {
        reply(res, 404, { error: "no TemplateRepository with a webhook secret has this repository's URL" });
        return;
      }
      const verified: string[] = [];
      for (const target of targets) {
        const secret = await target.secret();
        if (secret !== undefined && verifySignature(sig, secret, body)) verified.push(target.key);
      }
      if (verified.length === 0) {
        reply(res, 401, { error: "the signature does not match the webhook secret" });
        return;
      }
      await Promise.all(verified.map((key) => opts.trigger(key)));
      reply(res, 202, { triggered: verified });
    }
  };
}
