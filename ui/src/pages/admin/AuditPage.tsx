import { type FormEvent, useState } from "react";
import { call } from "../../api/client";
import { useLoad } from "../../api/use-load";
import { Alert } from "../../components/Alert";

const PAGE = 50;
type Filter = { actor?: string; action?: string; target?: string };

/** The audit log, newest first: filter by who, what and target; page with "Older". */
export function AuditPage() {
  const [filter, setFilter] = useState<Filter>({});
  // The ids each shown page started before; the first page has none.
  const [pages, setPages] = useState<number[]>([]);
  const before = pages.at(-1);
  const query = { ...filter, limit: PAGE, ...(before ? { before } : {}) };
  const entries = useLoad((signal) => call("get", "/api/v1/audit", { query, signal }), JSON.stringify(query));
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => String(form.get(key) ?? "").trim() || undefined;
    setFilter({ actor: value("actor"), action: value("action"), target: value("target") });
    setPages([]);
  };
  const rows = entries.data ?? [];
  const last = rows.at(-1)?.id;
  return (
    <section>
      <h1>Audit log</h1>
      <form onSubmit={apply} className="inline-form" aria-label="Filter the audit log">
        <label>
          Who
          <input name="actor" />
        </label>
        <label>
          Action contains
          <input name="action" placeholder="terminate" />
        </label>
        <label>
          Target
          <input name="target" />
        </label>
        <button type="submit">Filter</button>
      </form>
      <Alert message={entries.error} />
      <table>
        <caption className="visually-hidden">Audit entries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Result</th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.at}>{e.at?.replace("T", " ").slice(0, 19)}</time>
              </td>
              <td>{e.actor ?? "—"}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.target ?? "—"}</td>
              <td>{e.status}</td>
              <td>{e.sourceIp ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.data && rows.length === 0 && <p>No entries match.</p>}
      <div className="actions">
        <button type="button" disabled={pages.length === 0} onClick={() => setPages((p) => p.slice(0, -1))}>
          Newer
        </button>
        <button
          type="button"
          disabled={rows.length < PAGE || last === undefined}
          onClick={() => last !== undefined && setPages((p) => [...p, last])}
        >
          Older
        </button>
      </div>
    </section>
  );
}
