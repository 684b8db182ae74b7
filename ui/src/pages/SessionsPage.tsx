import { call, type Session } from "../api/client";
import { useLiveSessions } from "../api/live";
import { useLoad } from "../api/use-load";
import { Alert } from "../components/Alert";
import { SessionActions } from "../components/SessionActions";
import { Link, useLocation } from "../router";
import { ago, failureText, stateLabel } from "../words";

/** Display names of the templates, for lists that only carry the template's name. */
export function useTemplateNames(): (template: string) => string {
  const templates = useLoad((signal) => call("get", "/api/v1/templates", { signal }), "template-names");
  return (template) => templates.data?.find((t) => t.name === template)?.displayName ?? template;
}

const STEPS = ["Requested", "Starting", "Running"] as const;

/** The start of a just-launched Session, step by step from the live stream. */
function LaunchProgress({ session, label }: { session: Session | undefined; label: string }) {
  // Past the last step once Running, so every step shows as done.
  const step = !session ? 0 : session.phase === "Running" ? STEPS.length : 1;
  const failed = session?.phase === "Failed";
  return (
    <section className="progress" aria-labelledby="launch-heading">
      <h2 id="launch-heading">
        {failed
          ? `${label} did not start`
          : step === STEPS.length
            ? `${label} is ready`
            : `Starting ${label}…`}
      </h2>
      <ol aria-live="polite">
        {STEPS.map((name, i) => (
          <li key={name} className={i < step ? "done" : i === step ? (failed ? "failed" : "current") : ""}>
            {name}
          </li>
        ))}
      </ol>
      {failed && session && <Alert message={failureText(session)} />}
    </section>
  );
}

/** The caller's Sessions, live: state, app, age, last activity, and what can be done with each. */
export function SessionsPage() {
  const live = useLiveSessions();
  const { search } = useLocation();
  const displayName = useTemplateNames();
  const launched = search.get("launched");
  const sessions = [...live.sessions.values()]
    .filter((s) => !(s.state === "terminated" && s.name !== launched))
    .sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? ""));
  const launchedSession = launched ? live.sessions.get(launched) : undefined;

  return (
    <section>
      <h1>My sessions</h1>
      {launched && (
        <LaunchProgress
          session={launchedSession}
          label={displayName(launchedSession?.template ?? "Your app")}
        />
      )}
      {live.interrupted && <p className="notice">Live updates paused; reconnecting…</p>}
      {!live.synced && <p className="loading">Loading your sessions…</p>}
      {live.synced && sessions.length === 0 && (
        <p>
          You have no sessions. <Link href="/">Launch an app from the catalog.</Link>
        </p>
      )}
      {sessions.length > 0 && (
        <table className="sessions">
          <caption className="visually-hidden">Your sessions</caption>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">State</th>
              <th scope="col">Started</th>
              <th scope="col">Last activity</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => {
              const status = s.status as { lastActivity?: string };
              return (
                <tr key={s.name} aria-label={`${displayName(s.template)} ${s.name}`}>
                  <th scope="row">
                    {displayName(s.template)}
                    <span className="sub">{s.name}</span>
                  </th>
                  <td>
                    <span className={`state state-${s.phase.toLowerCase()}`}>{stateLabel(s)}</span>
                    {s.phase === "Failed" && <span className="sub">{failureText(s)}</span>}
                  </td>
                  <td>{ago(s.createdAt)}</td>
                  <td>{ago(status.lastActivity)}</td>
                  <td>
                    <SessionActions session={s} label={displayName(s.template)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
