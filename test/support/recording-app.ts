// A real HTTP and WebSocket app on a test host that records the headers of every request it gets, so
// a test can check what reached the session's app.
import type { IncomingHttpHeaders } from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { TestHost } from "./test-host.js";

export interface RecordingApp {
  readonly address: string;
  readonly port: number;
  readonly requests: Array<{ url: string; headers: IncomingHttpHeaders }>;
}

export async function startRecordingApp(host: TestHost, port = 8080): Promise<RecordingApp> {
  const main = fileURLToPath(new URL("./recording-app-main.ts", import.meta.url));
  const child = host.spawn(process.execPath, ["--import", "tsx", main, host.address, String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const requests: RecordingApp["requests"] = [];
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`recording app exited (${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const event = JSON.parse(line) as { listening?: number; request?: RecordingApp["requests"][number] };
      if (event.listening) resolve();
      if (event.request) requests.push(event.request);
    });
  });
  return { address: host.address, port, requests };
}
