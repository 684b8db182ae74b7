import { useState } from "react";
import { call, describeError, type Session } from "../api/client";
import { navigate } from "../router";
import { Alert } from "./Alert";

type Action = "hibernate" | "wake" | "terminate";

/** Open, hibernate, wake and terminate, as the Session's state allows. */
export function SessionActions({
  session,
  label,
  open = true,
}: {
  session: Session;
  label: string;
  open?: boolean;
}) {
  const [busy, setBusy] = useState<Action>();
  const [error, setError] = useState<string>();
  const act = async (action: Action) => {
    if (action === "terminate" && !confirm(`End ${label}? Unsaved work in it is lost.`)) return;
    setBusy(action);
    setError(undefined);
    try {
      await call("post", `/api/v1/sessions/{name}/${action}`, { path: { name: session.name } });
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(undefined);
    }
  };
  const running = session.state === "running";
  const ended = session.state === "terminated";
  return (
    <div className="actions">
      {open && running && session.phase === "Running" && (
        <button
          type="button"
          className="primary"
          onClick={() => navigate(`/sessions/${encodeURIComponent(session.name)}`)}
        >
          Open
        </button>
      )}
      {running && (
        <button type="button" disabled={busy !== undefined} onClick={() => act("hibernate")}>
          Hibernate
        </button>
      )}
      {session.state === "hibernated" && (
        <button type="button" disabled={busy !== undefined} onClick={() => act("wake")}>
          Wake
        </button>
      )}
      {!ended && (
        <button
          type="button"
          className="danger"
          disabled={busy !== undefined}
          onClick={() => act("terminate")}
        >
          Terminate
        </button>
      )}
      <Alert message={error} />
    </div>
  );
}
