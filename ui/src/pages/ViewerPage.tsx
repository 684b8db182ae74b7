import { useEffect, useRef, useState } from "react";
import { call, describeError } from "../api/client";
import { useLiveSessions } from "../api/live";
import { Link } from "../router";
import { failureText } from "../words";

type Connection =
  | { state: "waiting" }
  | { state: "connecting" }
  | { state: "open"; url: string }
  | { state: "error"; message: string };

/** Where the gateway serves the noVNC viewer (ui/viewer.html) on a session's own origin. */
const VNC_VIEWER_PATH = "/_streamspace/viewer/";

/**
 * A session full-window. The app runs on the session's own origin (the gateway's), so it is framed:
 * the portal asks `/connect` for a ticket URL, and the gateway swaps the ticket for a cookie of that origin
 * only. Desktop templates open the noVNC viewer there; web apps open as they are. A hibernated session is
 * woken and framed once it runs.
 */
export function ViewerPage({ name }: { name: string }) {
  const live = useLiveSessions();
  const session = live.sessions.get(name);
  const [connection, setConnection] = useState<Connection>({ state: "waiting" });
  const [attempt, setAttempt] = useState(0);
  const [appType, setAppType] = useState<string>();
  const frame = useRef<HTMLDivElement>(null);
  const running = session?.state === "running" && session.phase === "Running";

  // A sleeping session wakes when its viewer opens.
  useEffect(() => {
    if (session?.state === "hibernated")
      call("post", "/api/v1/sessions/{name}/wake", { path: { name } }).catch((e: unknown) =>
        setConnection({ state: "error", message: describeError(e) }),
      );
  }, [session?.state, name]);

  useEffect(() => {
    if (!session) return;
    call("get", "/api/v1/templates/{name}", { path: { name: session.template } }).then(
      (t) => setAppType(t.appType ?? "webapp"),
      () => setAppType("webapp"),
    );
  }, [session?.template, session]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt asks for a fresh ticket.
  useEffect(() => {
    if (!running || !appType) return;
    const controller = new AbortController();
    setConnection({ state: "connecting" });
    call("get", "/api/v1/sessions/{name}/connect", { path: { name }, signal: controller.signal })
      .then((body) => {
        const url = new URL(body.url);
        if (appType === "desktop") url.searchParams.set("next", VNC_VIEWER_PATH);
        setConnection({ state: "open", url: url.toString() });
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setConnection({ state: "error", message: describeError(e) });
      });
    return () => controller.abort();
  }, [running, appType, name, attempt]);

  if (live.synced && !session)
    return (
      <section>
        <h1>Session not found</h1>
        <p>
          There is no session {name} of yours. <Link href="/sessions">Back to my sessions</Link>
        </p>
      </section>
    );

  const status = !session
    ? "Loading…"
    : session.phase === "Failed"
      ? failureText(session)
      : session.state === "hibernated" || (session.state === "running" && session.phase === "Hibernated")
        ? "Waking your session…"
        : session.state === "terminated"
          ? "This session has ended."
          : !running
            ? "Starting your session…"
            : connection.state === "open"
              ? "Connected"
              : connection.state === "error"
                ? `Not connected: ${connection.message}`
                : "Connecting…";

  return (
    <section className="viewer" aria-labelledby="viewer-heading">
      <div className="viewer-bar">
        <h1 id="viewer-heading">{session?.template ?? name}</h1>
        <p role="status" className="viewer-state">
          {status}
        </p>
        <button type="button" onClick={() => setAttempt((a) => a + 1)} disabled={!running}>
          Reconnect
        </button>
        <button
          type="button"
          onClick={() => void frame.current?.requestFullscreen()}
          disabled={connection.state !== "open"}
        >
          Fullscreen
        </button>
        <Link href="/sessions">Back to my sessions</Link>
      </div>
      <div className="viewer-frame" ref={frame}>
        {connection.state === "open" && running && (
          <iframe
            key={attempt}
            title={`Session ${name}`}
            src={connection.url}
            allow="clipboard-read; clipboard-write; fullscreen"
            referrerPolicy="no-referrer"
          />
        )}
      </div>
    </section>
  );
}
