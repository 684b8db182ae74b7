import { type FormEvent, useState } from "react";
import { type Answer, call, describeError } from "../../api/client";
import { useLoad } from "../../api/use-load";
import { Alert } from "../../components/Alert";

type Quota = Answer<"/api/v1/quotas">[number];
type Spec = NonNullable<Quota["spec"]>;
type Limits = NonNullable<Spec["limits"]>;

const COUNTS = [
  ["maxSessions", "Sessions (not ended)"],
  ["maxRunningSessions", "Running sessions"],
] as const;
const AMOUNTS = [
  ["cpu", "CPU (total of limits, e.g. 4)"],
  ["memory", "Memory (e.g. 8Gi)"],
  ["storage", "Home storage (e.g. 20Gi)"],
] as const;

const appliesTo = (spec: Spec | undefined) =>
  spec?.user ? `user ${spec.user}` : spec?.group ? `group ${spec.group}` : "everyone (default)";

const limitsText = (limits: Limits | undefined) =>
  [...COUNTS, ...AMOUNTS]
    .filter(([field]) => limits?.[field] !== undefined)
    .map(([field]) => `${field} ${limits?.[field]}`)
    .join(", ") || "no limits";

/** The spec the form describes; empty fields set no limit. */
function specOf(form: FormData): Spec {
  const limits: Limits = {};
  for (const [field] of COUNTS) {
    const value = String(form.get(field) ?? "").trim();
    if (value) limits[field] = Number(value);
  }
  for (const [field] of AMOUNTS) {
    const value = String(form.get(field) ?? "").trim();
    if (value) limits[field] = value;
  }
  const target = String(form.get("target") ?? "").trim();
  const kind = form.get("appliesTo");
  return {
    ...(kind === "user" ? { user: target } : kind === "group" ? { group: target } : {}),
    limits,
  };
}

/** Add or change one Quota: who it applies to and its limits. */
function QuotaForm({ quota, onSaved }: { quota?: Quota; onSaved: () => void }) {
  const [error, setError] = useState<string>();
  const spec = quota?.spec;
  const [kind, setKind] = useState(spec?.user ? "user" : spec?.group ? "group" : "default");
  const title = quota ? `Edit quota ${quota.name}` : "Add a quota";
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = specOf(form);
    // A group Quota keeps its member list: Kubernetes has no user directory (the groups above are ours).
    if (spec?.members && body.group) body.members = spec.members;
    try {
      if (quota?.name)
        await call("put", "/api/v1/quotas/{name}", { path: { name: quota.name }, body: { spec: body } });
      else await call("post", "/api/v1/quotas", { body: { name: String(form.get("name")), spec: body } });
      setError(undefined);
      onSaved();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <form onSubmit={save} className="stack-form" aria-label={title}>
      <h3>{title}</h3>
      {!quota && (
        <label>
          Name
          <input name="name" required pattern="[a-z0-9]([a-z0-9\-]*[a-z0-9])?" autoComplete="off" />
        </label>
      )}
      <label>
        Applies to
        <select name="appliesTo" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="default">Everyone (the default)</option>
          <option value="user">One user</option>
          <option value="group">One group</option>
        </select>
      </label>
      {kind !== "default" && (
        <label>
          {kind === "user" ? "User name" : "Group name"}
          <input name="target" required defaultValue={spec?.user ?? spec?.group ?? ""} autoComplete="off" />
        </label>
      )}
      {COUNTS.map(([field, label]) => (
        <label key={field}>
          {label}
          <input name={field} type="number" min={0} defaultValue={spec?.limits?.[field] ?? ""} />
        </label>
      ))}
      {AMOUNTS.map(([field, label]) => (
        <label key={field}>
          {label}
          <input name={field} defaultValue={spec?.limits?.[field] ?? ""} autoComplete="off" />
        </label>
      ))}
      <Alert message={error} />
      <button type="submit" className="primary">
        Save quota
      </button>
    </form>
  );
}

/** The Quotas: who each applies to and its limits, with add, edit and delete. */
export function QuotasSection({ onChanged }: { onChanged: () => void }) {
  const quotas = useLoad((signal) => call("get", "/api/v1/quotas", { signal }), "quotas");
  const [editing, setEditing] = useState<string>();
  const [error, setError] = useState<string>();
  const saved = () => {
    setEditing(undefined);
    quotas.reload();
    onChanged();
  };
  const remove = async (name: string) => {
    if (!confirm(`Delete quota ${name}?`)) return;
    try {
      await call("delete", "/api/v1/quotas/{name}", { path: { name } });
      saved();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const selected = quotas.data?.find((q) => q.name === editing);
  return (
    <>
      <h2>Quotas</h2>
      <Alert message={error ?? quotas.error} />
      <table>
        <caption className="visually-hidden">Quotas</caption>
        <thead>
          <tr>
            <th scope="col">Quota</th>
            <th scope="col">Applies to</th>
            <th scope="col">Limits</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {(quotas.data ?? []).map((q) => (
            <tr key={q.name}>
              <th scope="row">{q.name}</th>
              <td>{appliesTo(q.spec)}</td>
              <td>{limitsText(q.spec?.limits)}</td>
              <td className="actions">
                <button type="button" onClick={() => setEditing(q.name)} aria-label={`Edit quota ${q.name}`}>
                  Edit
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => remove(q.name ?? "")}
                  aria-label={`Delete quota ${q.name}`}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {selected ? (
        <QuotaForm key={selected.name} quota={selected} onSaved={saved} />
      ) : (
        <QuotaForm key="new" onSaved={saved} />
      )}
    </>
  );
}
