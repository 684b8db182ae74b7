import { useState } from "react";
import { call, describeError } from "../api/client";
import { navigate } from "../router";
import { Alert } from "./Alert";

/** One click: creates the Session, then follows its start on "My sessions". */
export function LaunchButton({ template, disabled }: { template: string; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const launch = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const session = await call("post", "/api/v1/sessions", { body: { template } });
      navigate(`/sessions?launched=${encodeURIComponent(session.name)}`);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="primary" onClick={launch} disabled={busy || disabled}>
        Launch
      </button>
      <Alert message={error} />
    </>
  );
}
