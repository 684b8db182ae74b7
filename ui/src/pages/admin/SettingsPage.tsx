import { type FormEvent, useState } from "react";
import { call, describeError } from "../../api/client";
import { useLoad } from "../../api/use-load";
import { Alert } from "../../components/Alert";

/** The platform limits an admin may change while it runs. */
export function SettingsPage() {
  const settings = useLoad((signal) => call("get", "/api/v1/settings", { signal }), "settings");
  const [message, setMessage] = useState<string>();
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await call("patch", "/api/v1/settings", {
        body: {
          auditRetentionDays: Number(form.get("auditRetentionDays")),
          maxIdleTimeout: String(form.get("maxIdleTimeout")),
        },
      });
      setMessage("Saved.");
      settings.reload();
    } catch (e) {
      setMessage(describeError(e));
    }
  };
  const s = settings.data;
  return (
    <section>
      <h1>Settings</h1>
      <Alert message={settings.error} />
      {s && (
        <form onSubmit={save} className="stack-form">
          <label>
            Days the audit log is kept
            <input
              name="auditRetentionDays"
              type="number"
              min={1}
              max={3650}
              required
              defaultValue={s.auditRetentionDays}
            />
          </label>
          <label>
            Longest idle timeout a user may ask for
            <input name="maxIdleTimeout" required defaultValue={s.maxIdleTimeout} placeholder="8h" />
          </label>
          <button type="submit" className="primary">
            Save settings
          </button>
          {message && <p role="status">{message}</p>}
        </form>
      )}
    </section>
  );
}
