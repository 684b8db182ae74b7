import { call } from "../../api/client";
import { useLiveSessions } from "../../api/live";
import { useLoad } from "../../api/use-load";
import { failureText } from "../../words";

const GIB = 2 ** 30;
const cores = (n: number) => `${Number(n.toFixed(2))} CPU`;
const gib = (bytes: number) => `${Number((bytes / GIB).toFixed(2))} GiB`;

/** "used of allocatable" as text and as a meter a screen reader reads with the same words. */
function Usage({
  label,
  used,
  of,
  show,
}: {
  label: string;
  used: number;
  of: number;
  show: (n: number) => string;
}) {
  const text = `${show(used)} of ${show(of)}`;
  return (
    <span className="usage">
      <meter min={0} max={of || 1} value={used} aria-label={`${label}: ${text}`} />
      {text}
    </span>
  );
}

/** Sessions by phase, who is using the platform now, and what failed lately. */
export function OverviewPage() {
  const live = useLiveSessions();
  const all = [...live.sessions.values()];
  const phases = new Map<string, number>();
  for (const s of all) phases.set(s.phase, (phases.get(s.phase) ?? 0) + 1);
  const active = new Set(all.filter((s) => s.phase === "Running").map((s) => s.user));
  const failures = all.filter((s) => s.phase === "Failed").slice(0, 10);
  // Capacity is read again whenever sessions start or stop placing pods.
  const placed = all.filter((s) => s.phase === "Running" || s.phase === "Pending").length;
  const capacity = useLoad((signal) => call("get", "/api/v1/nodes", { signal }), `nodes-${placed}`);
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
      <h2>Nodes</h2>
      {capacity.error && <p className="error">{capacity.error}</p>}
      <table>
        <caption className="visually-hidden">Nodes and the capacity sessions use on them</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">State</th>
            <th scope="col">Sessions</th>
            <th scope="col">CPU requested by sessions</th>
            <th scope="col">Memory requested by sessions</th>
          </tr>
        </thead>
        <tbody>
          {(capacity.data?.nodes ?? []).map((n) => (
            <tr key={n.name}>
              <th scope="row">{n.name}</th>
              <td>{!n.ready ? "Not ready" : n.unschedulable ? "Cordoned" : "Ready"}</td>
              <td>{n.sessions.pods}</td>
              <td>
                <Usage label={`${n.name} CPU`} used={n.sessions.cpu} of={n.allocatable.cpu} show={cores} />
              </td>
              <td>
                <Usage
                  label={`${n.name} memory`}
                  used={n.sessions.memory}
                  of={n.allocatable.memory}
                  show={gib}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(capacity.data?.unscheduled.pods ?? 0) > 0 && (
        <p>{capacity.data?.unscheduled.pods} session pods wait for a node.</p>
      )}
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
