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
    let left = Number(text.slice(7));
    const pump = () => {
      while (left > 0 && ws.bufferedAmount < 4 * chunk.length) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        ws.send(part);
        left -= part.length;
      }
      if (left > 0) setTimeout(pump, 1);
      else ws.send("end");
    };
    pump();
  });
});
server.listen(Number(port), host, () => process.stdout.write("listening\n"));
process.on("SIGTERM", () => process.exit(0));
