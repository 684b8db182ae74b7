import { useLiveSessions } from "../../api/live";
import { failureText } from "../../words";

/** Sessions by phase, who is using the platform now, and what failed lately. */
export function OverviewPage() {
  const live = useLiveSessions();
  const all = [...live.sessions.values()];
  const phases = new Map<string, number>();
  for (const s of all) phases.set(s.phase, (phases.get(s.phase) ?? 0) + 1);
  const active = new Set(all.filter((s) => s.phase === "Running").map((s) => s.user));
  const failures = all.filter((s) => s.phase === "Failed").slice(0, 10);
  return (
    <section>
      <h1>Overview</h1>
      {!live.synced && <p className="loading">Loading…</p>}
      <dl className="stats">
        {["Running", "Pending", "Hibernated", "Failed", "Terminated"].map((phase) => (
          <div key={phase}>
            <dt>{phase}</dt>
            <dd>{phases.get(phase) ?? 0}</dd>
          </div>
        ))}
        <div>
          <dt>Users active now</dt>
          <dd>{active.size}</dd>
        </div>
      </dl>
      <h2>Recent failures</h2>
      {failures.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul>
          {failures.map((s) => (
            <li key={s.name}>
              <strong>{s.name}</strong> ({s.user}, {s.template}): {failureText(s)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
