import { expect, test } from "vitest";
import { createLogger, REDACTED } from "../../src/telemetry/log.js";

function capture(level?: "debug" | "info" | "warn" | "error") {
  const lines: string[] = [];
  const log = createLogger({ level, write: (l) => lines.push(l) });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

test("each entry is one JSON line with time, level, msg and the fields", () => {
  const { log, lines, parsed } = capture();
  log.child({ controller: "session" }).info("reconciled", { key: "ns/s1", durationMs: 12 });
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toContain("\n");
  const [entry] = parsed();
  expect(entry).toMatchObject({
    level: "info",
    msg: "reconciled",
    controller: "session",
    key: "ns/s1",
    durationMs: 12,
  });
  expect(new Date(entry?.time as string).getTime()).not.toBeNaN();
});

test("entries below the configured level are dropped", () => {
  const { log, parsed } = capture("warn");
  log.debug("noise");
  log.info("noise");
  log.warn("kept");
  log.error("kept too");
  expect(parsed().map((e) => e.level)).toEqual(["warn", "error"]);
});

test("secret-looking keys are redacted at any depth, references to secrets are not", () => {
  const { log, lines, parsed } = capture();
  log.info("syncing repository", {
    repo: {
      url: "https://github.com/acme/templates",
      secretRef: { name: "git-creds" },
      auth: { username: "bot", password: "hunter2", gitToken: "ghp_abc123" },
    },
    headers: [{ Authorization: "Bearer eyJhbGciOi" }],
    client_secret: "s3cr3t",
    apiKey: "k-123",
  });
  const text = lines.join("");
  for (const secret of ["hunter2", "ghp_abc123", "eyJhbGciOi", "s3cr3t", "k-123"])
    expect(text).not.toContain(secret);
  expect(parsed()[0]).toMatchObject({
    repo: {
      auth: { username: "bot", password: REDACTED, gitToken: REDACTED },
      secretRef: { name: "git-creds" },
    },
    client_secret: REDACTED,
  });
});

test("credentials inside strings and a Secret object's data are redacted", () => {
  const { log, lines } = capture();
  log.error("clone failed: https://bot:ghp_xyz789@github.com/acme/templates.git", {
    err: new Error("401 for https://bot:ghp_xyz789@github.com: sent Bearer abc.def.ghi"),
    object: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "git-creds" },
      data: { token: "Z2hwX3h5eg==" },
    },
  });
  const text = lines.join("");
  expect(text).not.toContain("ghp_xyz789");
  expect(text).not.toContain("abc.def.ghi");
  expect(text).not.toContain("Z2hwX3h5eg==");
  expect(text).toContain("github.com/acme/templates.git");
  expect(text).toContain("git-creds");
});

test("a field cannot forge the level or message", () => {
  const { log, parsed } = capture();
  log.info("real", { level: "error", msg: "fake" });
  expect(parsed()[0]).toMatchObject({ level: "info", msg: "real" });
});

test("circular fields do not crash logging", () => {
  const { log, parsed } = capture();
  const a: Record<string, unknown> = { name: "a" };
  a.self = a;
  log.info("cycle", { a });
  expect(parsed()[0]?.a).toEqual({ name: "a", self: "[Circular]" });
});
