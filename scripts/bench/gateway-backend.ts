/**
 * The benchmark's session app (run on a test host by gateway.ts): HTTP answers "ok"; a WebSocket echoes
 * messages, and `stream:<bytes>` makes it send that many bytes in 64 KiB messages, then "end".
 */
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const [host = "127.0.0.1", port = "8080"] = process.argv.slice(2);
const server = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/plain" }).end("ok"));
const wss = new WebSocketServer({ server });
const chunk = Buffer.alloc(64 * 1024, 7);
wss.on("connection", (ws) => {
  ws.on("message", (data, binary) => {
    const text = binary ? "" : data.toString();
    if (!text.startsWith("stream:")) {
      ws.send(data, { binary });
      return;
    }
    // Driven by write completions, not a timer: a 1 ms poll of bufferedAmount left the app idle
    // whenever its buffer was full, and the gateway's added hop made that happen more often.
    let left = Number(text.slice(7));
    let inFlight = 0;
    const pump = () => {
      while (left > 0 && inFlight < 4) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        inFlight++;
        ws.send(part, () => {
          inFlight--;
          pump();
        });
      }
      if (left === 0 && inFlight === 0) {
        left = -1;
        ws.send("end");
      }
    };
    pump();
  });
});
server.listen(Number(port), host, () => process.stdout.write("listening\n"));
process.on("SIGTERM", () => process.exit(0));
