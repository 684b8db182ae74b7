// The recording app's process (see recording-app.ts): HTTP answers "hello from the app", WebSocket
// messages are echoed, and every request's URL and headers are printed as a JSON line.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";

const [host = "127.0.0.1", port = "8080"] = process.argv.slice(2);
const print = (event: object) => process.stdout.write(`${JSON.stringify(event)}\n`);
const server = createServer((req, res) => {
  print({ request: { url: req.url, headers: req.headers } });
  res.writeHead(200, { "Content-Type": "text/plain" }).end("hello from the app");
});
const wss = new WebSocketServer({ server });
wss.on("connection", (ws, req) => {
  print({ request: { url: req.url, headers: req.headers } });
  ws.on("message", (data, binary) => ws.send(data, { binary }));
});
server.listen(Number(port), host, () => print({ listening: Number(port) }));
process.on("SIGTERM", () => process.exit(0));
