import { type FormEvent, useState } from "react";
import { call, describeError } from "../../api/client";
import { useLoad } from "../../api/use-load";
import { Alert } from "../../components/Alert";
import { ago } from "../../words";
import { type Repository, statusOf } from "./repository-errors";

type Spec = { url: string; ref?: { branch?: string }; path?: string; interval?: string };

/** Add a repository, or change one (name fixed): URL, branch, folder, interval. */
function RepositoryForm({ editing, onDone }: { editing?: Repository; onDone: () => void }) {
  const [error, setError] = useState<string>();
  const spec = (editing?.spec ?? {}) as Partial<Spec>;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "").trim();
    const next: Spec = {
      ...(editing?.spec as Spec | undefined),
      url: text("url"),
      ...(text("branch") ? { ref: { branch: text("branch") } } : {}),
      ...(text("path") ? { path: text("path") } : {}),
      ...(text("interval") ? { interval: text("interval") } : {}),
    };
    try {
      if (editing?.name)
        await call("put", "/api/v1/repositories/{name}", {
          path: { name: editing.name },
          body: { spec: next } as never,
        });
      else await call("post", "/api/v1/repositories", { body: { name: text("name"), spec: next } as never });
      onDone();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <form
      onSubmit={submit}
      className="inline-form"
      aria-label={editing ? `Edit ${editing.name}` : "Add a repository"}
    >
      {!editing && (
        <label>
          Name
          <input name="name" required pattern="[a-z0-9]([\-a-z0-9]*[a-z0-9])?" />
        </label>
      )}
      <label>
        Git URL
        <input name="url" type="url" required defaultValue={spec.url} />
      </label>
      <label>
        Branch
        <input name="branch" defaultValue={spec.ref?.branch} placeholder="main" />
      </label>
      <label>
        Folder
        <input name="path" defaultValue={spec.path} placeholder="templates" />
      </label>
      <label>
        Sync interval
        <input name="interval" defaultValue={spec.interval} placeholder="5m" />
      </label>
      <button type="submit" className="primary">
        {editing ? "Save" : "Add repository"}
      </button>
      <Alert message={error} />
    </form>
  );
}

/** Template repositories: their sync status and revision, the files they refused and why, sync now. */
export function RepositoriesPage() {
  const repositories = useLoad((signal) => call("get", "/api/v1/repositories", { signal }), "repositories");
  const [editing, setEditing] = useState<string>();
  const [message, setMessage] = useState<string>();
  const sync = async (name: string) => {
    try {
      await call("post", "/api/v1/repositories/{name}/sync", { path: { name } });
      setMessage(`Sync of ${name} requested.`);
      repositories.reload();
    } catch (e) {
      setMessage(describeError(e));
    }
  };
  return (
    <section>
      <h1>Repositories</h1>
      <Alert message={repositories.error} />
      {message && <p role="status">{message}</p>}
      {(repositories.data ?? []).map((r) => {
        const status = statusOf(r);
        const name = r.name ?? "";
        return (
          <article key={name} className="panel" aria-labelledby={`repo-${name}`}>
            <h2 id={`repo-${name}`}>{name}</h2>
            <dl className="facts">
              <dt>URL</dt>
              <dd>
                <code>{(r.spec as Spec).url}</code>
              </dd>
              <dt>Status</dt>
              <dd>{status.phase ?? "Pending"}</dd>
              <dt>Revision</dt>
              <dd>
                <code>{status.revision ?? "—"}</code>
              </dd>
              <dt>Last sync</dt>
              <dd>{ago(status.lastSyncTime)}</dd>
              <dt>Templates</dt>
              <dd>{status.templateCount ?? 0}</dd>
            </dl>
            {(status.errors ?? []).length > 0 && (
              <>
                <h3>Files with errors</h3>
                <ul className="file-errors">
                  {(status.errors ?? []).map((e) => (
                    <li key={`${e.file}/${e.document ?? 0}/${e.field ?? ""}`}>
                      <code>{e.file}</code>
                      {e.field && (
                        <>
                          {" "}
                          field <code>{e.field}</code>
                        </>
                      )}
                      : {e.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <div className="actions">
              <button type="button" onClick={() => sync(name)} aria-label={`Sync ${name} now`}>
                Sync now
              </button>
              <button
                type="button"
                aria-expanded={editing === name}
                onClick={() => setEditing(editing === name ? undefined : name)}
              >
                Edit
              </button>
            </div>
            {editing === name && (
              <RepositoryForm
                editing={r}
                onDone={() => {
                  setEditing(undefined);
                  repositories.reload();
                }}
              />
            )}
          </article>
        );
      })}
      <h2>Add a repository</h2>
      <RepositoryForm onDone={repositories.reload} />
    </section>
  );
}
