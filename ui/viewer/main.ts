import RFB from "@novnc/novnc";
import "./viewer.css";

// The remote screen of a desktop session. Runs on the session's own origin: the WebSocket goes to the
// gateway's VNC bridge there, and /_streamspace/events tells whether the session is starting (a
// hibernated one wakes on access), failed, or about to hibernate for idleness.

const RETRY_MS = [1000, 2000, 5000, 10_000];

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`viewer page has no #${id}`);
  return found as T;
}

const screen = element<HTMLElement>("screen");
const stateText = element<HTMLParagraphElement>("state");
const reconnectButton = element<HTMLButtonElement>("reconnect");
const scale = element<HTMLInputElement>("scale");
const idle = element<HTMLDivElement>("idle");
const idleText = element<HTMLParagraphElement>("idle-text");

let rfb: RFB | undefined;
let retries = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let sessionReady = false;

function show(text: string, offerReconnect = false): void {
  stateText.textContent = text;
  reconnectButton.hidden = !offerReconnect;
}

/** Ends the current connection on purpose. */
function drop(): void {
  const current = rfb;
  rfb = undefined;
  current?.disconnect();
}

function connect(): void {
  clearTimeout(retryTimer);
  drop();
  screen.replaceChildren();
  show("Connecting…");
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/_streamspace/vnc`;
  const client = new RFB(screen, url, { shared: true });
  client.scaleViewport = scale.checked;
  client.resizeSession = false;
  client.background = "#000";
  client.addEventListener("connect", () => {
    retries = 0;
    show("Connected");
    client.focus();
  });
  client.addEventListener("disconnect", () => {
    // Ours (drop) are not reported: any other end of the connection is a loss to recover from.
    if (rfb !== client) return;
    rfb = undefined;
    const delay = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)] ?? 10_000;
    retries += 1;
    show(`Connection lost; retrying in ${delay / 1000} s…`, true);
    if (sessionReady) retryTimer = setTimeout(connect, delay);
  });
  client.addEventListener("securityfailure", (event) => {
    show(
      `The session refused the connection: ${(event as CustomEvent<{ reason?: string }>).detail.reason ?? "security failure"}`,
      true,
    );
  });
  client.addEventListener("clipboard", (event) => {
    // The remote side copied text: put it on this computer's clipboard when the browser lets us.
    void navigator.clipboard?.writeText((event as CustomEvent<{ text: string }>).detail.text).catch(() => {});
  });
  rfb = client;
}

reconnectButton.addEventListener("click", () => {
  retries = 0;
  connect();
});
scale.addEventListener("change", () => {
  if (rfb) rfb.scaleViewport = scale.checked;
});
element<HTMLButtonElement>("fullscreen").addEventListener("click", () => {
  void document.documentElement.requestFullscreen?.();
});
element<HTMLButtonElement>("paste").addEventListener("click", async () => {
  try {
    const text = await navigator.clipboard.readText();
    rfb?.clipboardPasteFrom(text);
    show("Clipboard sent to the session.");
  } catch {
    show("The browser did not allow reading the clipboard.");
  }
});
element<HTMLButtonElement>("keep-working").addEventListener("click", async () => {
  const answer = await fetch("/_streamspace/keep-awake", { method: "POST", credentials: "same-origin" });
  if (answer.ok) idle.hidden = true;
});

type State =
  | { state: "ready" }
  | { state: "starting"; phase?: string; message?: string }
  | { state: "unavailable"; reason?: string; message?: string };

const events = new EventSource("/_streamspace/events");
events.addEventListener("state", (event) => {
  const s = JSON.parse((event as MessageEvent<string>).data) as State;
  if (s.state === "ready") {
    if (!sessionReady) {
      sessionReady = true;
      connect();
    }
    return;
  }
  sessionReady = false;
  drop();
  if (s.state === "starting") show(s.message || `Waking your session (${s.phase ?? "starting"})…`);
  else show(`This session is not available: ${s.message ?? s.reason ?? "unknown reason"}`, true);
});
events.addEventListener("idle-warning", (event) => {
  const { hibernateAt } = JSON.parse((event as MessageEvent<string>).data) as { hibernateAt: string };
  const minutes = Math.max(1, Math.round((Date.parse(hibernateAt) - Date.now()) / 60_000));
  idleText.textContent = `This session goes to sleep in about ${minutes} min because nothing happened in it.`;
  idle.hidden = false;
});
