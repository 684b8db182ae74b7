import { useState } from "react";
import { call } from "../../api/client";
import { useLiveSessions } from "../../api/live";
import { useLoad } from "../../api/use-load";
import { SessionActions } from "../../components/SessionActions";
import { ago, stateLabel } from "../../words";

function SessionEvents({ name }: { name: string }) {
  const events = useLoad(
    (signal) => call("get", "/api/v1/sessions/{name}/events", { path: { name }, signal }),
    name,
  );
  if (events.error) return <p className="error">{events.error}</p>;
  if (!events.data) return <p className="loading">Loading events…</p>;
  if (events.data.length === 0) return <p>No events.</p>;
  return (
    <ul className="events">
      {events.data.map((e) => (
        <li key={`${e.time}-${e.reason}-${e.note}`}>
          <time dateTime={e.time}>{e.time}</time> {e.type} <strong>{e.reason}</strong> {e.note}
        </li>
      ))}
    </ul>
  );
}

/** Every user's Sessions, live, filtered by user, app or state; with actions and Events. */
export function AllSessionsPage() {
  const live = useLiveSessions();
  const [filter, setFilter] = useState("");
  const [phase, setPhase] = useState("");
  const [shown, setShown] = useState<string>();
  const needle = filter.toLowerCase();
  const sessions = [...live.sessions.values()]
    .filter(
      (s) =>
        !needle ||
        s.user.toLowerCase().includes(needle) ||
        s.template.includes(needle) ||
        s.name.includes(needle),
    )
    .filter((s) => !phase || s.phase === phase)
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""));
  return (
    <section>
      <h1>All sessions</h1>
      <div className="filters">
        <label>
          Filter by user, app or name
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <label>
          Phase
          <select value={phase} onChange={(e) => setPhase(e.target.value)}>
            <option value="">Any phase</option>
            {["Pending", "Running", "Hibernated", "Failed", "Terminated"].map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
      </div>
      {!live.synced && <p className="loading">Loading…</p>}
      <table>
        <caption className="visually-hidden">Sessions of all users</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">User</th>
            <th scope="col">App</th>
            <th scope="col">State</th>
            <th scope="col">Started</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.name} aria-label={`${s.user} ${s.template} ${s.name}`}>
              <th scope="row">{s.name}</th>
              <td>{s.user}</td>
              <td>{s.template}</td>
              <td>{stateLabel(s)}</td>
              <td>{ago(s.createdAt)}</td>
              <td>
                <SessionActions session={s} label={`${s.user}'s ${s.template}`} open={false} />
                <button
                  type="button"
                  aria-expanded={shown === s.name}
                  onClick={() => setShown(shown === s.name ? undefined : s.name)}
                >
                  Events
                </button>
                {shown === s.name && <SessionEvents name={s.name} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
