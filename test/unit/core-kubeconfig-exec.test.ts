// An exec credential plugin (a real shell script) is run as kubectl runs it, and its ExecCredential is
// kept until status.expirationTimestamp.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, expect, test, vi } from "vitest";
import { stringify } from "yaml";
import { type KubeConfig, loadKubeConfigFile } from "../../src/core/kubeconfig.js";

const dir = mkdtempSync(join(tmpdir(), "kubeconfig-exec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.useRealTimers();
});

// Run as `plugin.sh WORK [APIVERSION]`: counts its runs in WORK/count, keeps what it was given in
// WORK/info and WORK/greeting, and prints WORK/status if there is one, else a token run-<n> that
// expires at the time in WORK/expiry (none if that file is missing).
writeFileSync(
  join(dir, "plugin.sh"),
  `#!/bin/sh
echo run >> "$1/count"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$1/info"
printf '%s' "$GREETING" > "$1/greeting"
n=$(wc -l < "$1/count" | tr -d ' ')
if [ -f "$1/status" ]; then status=$(cat "$1/status")
elif [ -f "$1/expiry" ]; then status="{\\"token\\":\\"run-$n\\",\\"expirationTimestamp\\":\\"$(cat "$1/expiry")\\"}"
else status="{\\"token\\":\\"run-$n\\"}"; fi
printf '{"apiVersion":"%s","kind":"ExecCredential","status":%s}' "\${2:-client.authentication.k8s.io/v1}" "$status"
`,
);
chmodSync(join(dir, "plugin.sh"), 0o755);

const V1 = "client.authentication.k8s.io/v1";
let n = 0;

/** A work directory for one plugin, and a kubeconfig in `dir` whose user runs it with `exec`. */
function plugin(exec: (work: string) => object, cluster: object = {}) {
  const work = join(dir, `case-${n}`);
  mkdirSync(work);
  const file = join(dir, `case-${n++}.kubeconfig`);
  writeFileSync(
    file,
    stringify({
      "current-context": "main",
      clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:6443", ...cluster } }],
      users: [{ name: "u", user: { exec: exec(work) } }],
      contexts: [{ name: "main", context: { cluster: "c", user: "u" } }],
    }),
  );
  return {
    kc: loadKubeConfigFile(file),
    file,
    write: (name: string, content: string) => writeFileSync(join(work, name), content),
    read: (name: string) => readFileSync(join(work, name), "utf8"),
    runs: () =>
      existsSync(join(work, "count")) ? readFileSync(join(work, "count"), "utf8").split("\n").length - 1 : 0,
  };
}

async function applied(kc: KubeConfig): Promise<https.RequestOptions> {
  const options: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(options);
  return options;
}
const authorization = async (kc: KubeConfig) =>
  ((await applied(kc)).headers as Record<string, string> | undefined)?.Authorization;

test("the token is kept until status.expirationTimestamp, then the plugin runs again", async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2030-01-01T00:00:00Z"));
  // A command with a slash is relative to the kubeconfig's directory, as in kubectl.
  const p = plugin((work) => ({
    apiVersion: V1,
    command: "./plugin.sh",
    args: [work],
    interactiveMode: "Never",
  }));
  p.write("expiry", "2030-01-01T00:10:00Z");

  // Requests made while the plugin runs share its answer.
  expect(await Promise.all([authorization(p.kc), authorization(p.kc), authorization(p.kc)])).toEqual([
    "Bearer run-1",
    "Bearer run-1",
    "Bearer run-1",
  ]);
  vi.setSystemTime(new Date("2030-01-01T00:09:59Z"));
  expect(await authorization(p.kc)).toBe("Bearer run-1");
  expect(p.runs()).toBe(1);

  p.write("expiry", "2030-01-01T01:00:00Z");
  vi.setSystemTime(new Date("2030-01-01T00:10:00Z"));
  expect(await authorization(p.kc)).toBe("Bearer run-2");
  vi.setSystemTime(new Date("2030-01-01T00:59:00Z"));
  expect(await authorization(p.kc)).toBe("Bearer run-2");
  expect(p.runs()).toBe(2);
});

test("without an expiry the credential is kept for good", async () => {
  const p = plugin((work) => ({ apiVersion: V1, command: join(dir, "plugin.sh"), args: [work] }));
  for (let i = 0; i < 3; i++) expect(await authorization(p.kc)).toBe("Bearer run-1");
  expect(p.runs()).toBe(1);
});

test("args and env reach the plugin, with KUBERNETES_EXEC_INFO as kubectl sets it", async () => {
  const p = plugin(
    (work) => ({
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "./plugin.sh",
      args: [work, "client.authentication.k8s.io/v1beta1"],
      env: [{ name: "GREETING", value: "hello" }],
      provideClusterInfo: true,
    }),
    {
      "tls-server-name": "kubernetes",
      extensions: [{ name: "client.authentication.k8s.io/exec", extension: { audience: "x" } }],
    },
  );
  expect(await authorization(p.kc)).toBe("Bearer run-1");
  expect(p.read("greeting")).toBe("hello");
  expect(JSON.parse(p.read("info"))).toEqual({
    apiVersion: "client.authentication.k8s.io/v1beta1",
    kind: "ExecCredential",
    spec: {
      interactive: false,
      cluster: {
        server: "https://127.0.0.1:6443",
        "tls-server-name": "kubernetes",
        "insecure-skip-tls-verify": false,
        config: { audience: "x" },
      },
    },
  });
});

test("a client certificate from the plugin goes on the request", async () => {
  const p = plugin((work) => ({ apiVersion: V1, command: "./plugin.sh", args: [work] }));
  p.write("status", JSON.stringify({ clientCertificateData: "CERT PEM", clientKeyData: "KEY PEM" }));
  const options = await applied(p.kc);
  expect(options).toMatchObject({ cert: "CERT PEM", key: "KEY PEM" });
  expect(options.headers).toBeUndefined();
});

test("a failing plugin is an error naming the user and command, and the next request runs it again", async () => {
  const p = plugin((work) => ({ apiVersion: V1, command: "./plugin.sh", args: [work] }));
  p.write("status", '{"token": 42}');
  await expect(authorization(p.kc)).rejects.toThrow(
    `kubeconfig ${p.file}: user "u" exec ExecCredential status: token must be a string`,
  );
  p.write("status", "{}");
  await expect(authorization(p.kc)).rejects.toThrow(
    "ExecCredential status: has neither token nor clientCertificateData",
  );
  p.write("status", '{"token": "t", "expirationTimestamp": "soon"}');
  await expect(authorization(p.kc)).rejects.toThrow(
    'ExecCredential status: expirationTimestamp "soon" is not a time',
  );
  expect(p.runs()).toBe(3);

  const wrongVersion = plugin((work) => ({ apiVersion: V1, command: "./plugin.sh", args: [work, "v9"] }));
  await expect(authorization(wrongVersion.kc)).rejects.toThrow(
    `printed kind ExecCredential v9, not ExecCredential ${V1}`,
  );

  const exits = plugin(() => ({ apiVersion: V1, command: "sh", args: ["-c", "echo denied >&2; exit 3"] }));
  await expect(authorization(exits.kc)).rejects.toThrow(
    `kubeconfig ${exits.file}: user "u" exec: command "sh" failed (exit code 3): denied`,
  );

  const missing = plugin(() => ({
    apiVersion: V1,
    command: "no-such-auth-plugin",
    installHint: "install it with: apt-get install no-such-auth-plugin",
  }));
  await expect(authorization(missing.kc)).rejects.toThrow(
    'command "no-such-auth-plugin" not found: install it with: apt-get install no-such-auth-plugin',
  );
});
