// A real git server for tests: stock `git http-backend` (CGI) behind a small node:http server, with
// optional basic or bearer-token auth, and switches to make it go down or stop answering. Repositories
// are bare repositories on disk, committed to with the git CLI through a separate work tree.
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

const GIT_ENV = {
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  GIT_CONFIG_NOSYSTEM: "1",
  HOME: tmpdir(),
};

async function git(args: string[], opts: { input?: string } = {}): Promise<string> {
  if (opts.input === undefined) {
    const { stdout } = await run("git", args, {
      env: { ...process.env, ...GIT_ENV },
      maxBuffer: 256 * 2 ** 20,
    });
    return stdout.trim();
  }
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { env: { ...process.env, ...GIT_ENV } });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      err += c.toString();
    });
    child.on("error", reject);
    // git may exit before reading all of its input (a refused first line): its exit code and stderr
    // then say what went wrong, and the broken pipe is only the echo of that.
    child.stdin.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") reject(err);
    });
    child.on("close", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`git ${args.join(" ")}: ${err}`)),
    );
    child.stdin.end(opts.input);
  });
}

export type ServerAuth = { username: string; password: string } | { token: string };

/** One bare repository served at `${server.url}/${name}.git`, with a work tree to commit from. */
export class TestRepo {
  constructor(
    readonly name: string,
    readonly url: string,
    readonly gitDir: string,
    readonly workTree: string,
  ) {}

  private git(args: string[], input?: string): Promise<string> {
    return git(["--git-dir", this.gitDir, "--work-tree", this.workTree, ...args], { input });
  }

  /** Writes files (relative paths) into the work tree; `null` deletes one. */
  write(files: Record<string, string | Buffer | null>): this {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.workTree, path);
      if (content === null) {
        rmSync(full, { force: true, recursive: true });
        continue;
      }
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
    return this;
  }

  symlink(path: string, target: string): this {
    const full = join(this.workTree, path);
    mkdirSync(dirname(full), { recursive: true });
    rmSync(full, { force: true });
    symlinkSync(target, full);
    return this;
  }

  remove(path: string): this {
    unlinkSync(join(this.workTree, path));
    return this;
  }

  /** Commits the whole work tree on `branch` (default main) and returns the commit id. */
  async commit(message = "update", branch = "main"): Promise<string> {
    await this.git(["symbolic-ref", "HEAD", `refs/heads/${branch}`]);
    await this.git(["add", "--all", "."]);
    await this.git(["commit", "--quiet", "--allow-empty", "-m", message]);
    return this.head(branch);
  }

  async head(branch = "main"): Promise<string> {
    return this.git(["rev-parse", `refs/heads/${branch}`]);
  }

  async tag(name: string, opts: { annotated?: boolean; commit?: string } = {}): Promise<void> {
    const target = opts.commit ?? "HEAD";
    if (opts.annotated) await this.git(["tag", "-f", "-a", "-m", name, name, target]);
    else await this.git(["tag", "-f", name, target]);
  }

  /**
   * Commits a tree written entry by entry with `git mktree`, which takes names a work tree cannot hold
   * (`..`), and writes thousands of entries fast (equal contents share one blob). `entries` are
   * `[mode, name, content]` at the root of the tree.
   */
  async commitRawTree(
    entries: Array<[mode: string, name: string, content: string]>,
    branch = "main",
  ): Promise<string> {
    const lines: string[] = [];
    const blobs = new Map<string, string>();
    for (const [mode, name, content] of entries) {
      let blob = blobs.get(content);
      if (!blob) {
        blob = await git(["--git-dir", this.gitDir, "hash-object", "-w", "--stdin"], { input: content });
        blobs.set(content, blob);
      }
      lines.push(`${mode} blob ${blob}\t${name}`);
    }
    const tree = await git(["--git-dir", this.gitDir, "mktree"], { input: `${lines.join("\n")}\n` });
    const parent = await this.head(branch).catch(() => undefined);
    const commit = await git(
      ["--git-dir", this.gitDir, "commit-tree", tree, "-m", "raw tree", ...(parent ? ["-p", parent] : [])],
      { input: "" },
    );
    await git(["--git-dir", this.gitDir, "update-ref", `refs/heads/${branch}`, commit]);
    return commit;
  }

  /** Sets a git config key of the served repository (e.g. uploadpack.allowReachableSHA1InWant). */
  async config(key: string, value: string): Promise<void> {
    await git(["--git-dir", this.gitDir, "config", key, value]);
  }
}

export interface GitServerOptions {
  auth?: ServerAuth;
}

/**
 * `git http-backend` served over HTTP on 127.0.0.1. `stop()` closes the port (connection refused),
 * `start()` reopens the same port; `hang = true` makes it accept requests and never answer.
 */
export class GitServer {
  readonly root = mkdtempSync(join(tmpdir(), "git-server-"));
  auth: ServerAuth | undefined;
  hang = false;
  /** Requests served, by "METHOD path" (query string left out). */
  readonly requests: string[] = [];
  private server?: http.Server;
  private port = 0;
  private readonly sockets = new Set<Socket>();

  constructor(opts: GitServerOptions = {}) {
    this.auth = opts.auth;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = http.createServer((req, res) => this.handle(req, res));
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Closes the port and every open connection. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }

  async createRepo(name: string): Promise<TestRepo> {
    const gitDir = join(this.root, `${name}.git`);
    const workTree = join(this.root, "work", name);
    mkdirSync(workTree, { recursive: true });
    await git(["init", "--quiet", "--bare", "--initial-branch=main", gitDir]);
    return new TestRepo(name, `${this.url}/${name}.git`, gitDir, workTree);
  }

  private authorized(header: string | undefined): boolean {
    const auth = this.auth;
    if (!auth) return true;
    if (!header) return false;
    if ("token" in auth) return header === `Bearer ${auth.token}`;
    const expected = Buffer.from(`${auth.username}:${auth.password}`).toString("base64");
    return header === `Basic ${expected}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    this.requests.push(`${req.method} ${url.pathname}`);
    if (this.hang) return;
    if (!this.authorized(req.headers.authorization)) {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' }).end("authentication required\n");
      return;
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: this.root,
      GIT_HTTP_EXPORT_ALL: "1",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: tmpdir(),
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? "GET",
      CONTENT_TYPE: req.headers["content-type"] ?? "",
      REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
      REMOTE_USER: this.auth && "username" in this.auth ? this.auth.username : "",
      ...(req.headers["content-length"] ? { CONTENT_LENGTH: req.headers["content-length"] } : {}),
      ...(req.headers["git-protocol"] ? { GIT_PROTOCOL: String(req.headers["git-protocol"]) } : {}),
    };
    const cgi = spawn("git", ["http-backend"], { env });
    req.pipe(cgi.stdin);
    cgi.stdin.on("error", () => {});
    let head = Buffer.alloc(0);
    let headersDone = false;
    cgi.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.statusCode = status;
      res.write(head.subarray(end + 4));
    });
    cgi.on("close", () => {
      if (!headersDone) res.statusCode = 500;
      res.end();
    });
    cgi.on("error", () => res.destroy());
  }
}

export async function startGitServer(opts: GitServerOptions = {}): Promise<GitServer> {
  return new GitServer(opts).start();
}
