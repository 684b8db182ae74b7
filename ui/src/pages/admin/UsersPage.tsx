import { type FormEvent, useState } from "react";
import { call, describeError } from "../../api/client";
import { useLoad } from "../../api/use-load";
import { Alert } from "../../components/Alert";
import { ago } from "../../words";
import { GroupsSection } from "./GroupsSection";
import { QuotasSection } from "./QuotasSection";

/** Memory and storage limits are bytes: shown in GiB, as admins set them. */
const limitText = (name: string, value: number | undefined) =>
  value === undefined
    ? "—"
    : name === "memory" || name === "storage"
      ? `${Number((value / 2 ** 30).toFixed(2))} GiB`
      : String(value);

/** Users (create, make admin, disable), groups, Quotas, and each user's usage against their quota. */
export function UsersPage() {
  const users = useLoad((signal) => call("get", "/api/v1/users", { signal }), "users");
  const usage = useLoad((signal) => call("get", "/api/v1/quotas/usage", { signal }), "usage");
  const [error, setError] = useState<string>();

  const change = async (name: string, body: { admin?: boolean; disabled?: boolean }) => {
    try {
      await call("patch", "/api/v1/users/{name}", { path: { name }, body });
      users.reload();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    try {
      await call("post", "/api/v1/users", {
        body: {
          name: String(form.get("name")),
          password: String(form.get("password")),
          admin: form.get("admin") === "on",
        },
      });
      target.reset();
      setError(undefined);
      users.reload();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <section>
      <h1>Users and quotas</h1>
      <Alert message={error ?? users.error} />
      <table>
        <caption className="visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Groups</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Admin</th>
            <th scope="col">Disabled</th>
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.name}>
              <th scope="row">
                {u.name} {u.displayName && <span className="sub">{u.displayName}</span>}
              </th>
              <td>{(u.groups ?? []).join(", ")}</td>
              <td>{ago(u.lastLoginAt ?? undefined)}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${u.name} is an admin`}
                  checked={u.admin ?? false}
                  onChange={(e) => change(u.name ?? "", { admin: e.target.checked })}
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${u.name} is disabled`}
                  checked={u.disabled ?? false}
                  onChange={(e) => change(u.name ?? "", { disabled: e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Add a local user</h2>
      <form onSubmit={create} className="inline-form" aria-label="Add a local user">
        <label>
          Name
          <input name="name" required autoComplete="off" />
        </label>
        <label>
          Initial password
          <input name="password" type="password" required autoComplete="new-password" />
        </label>
        <label className="check">
          <input name="admin" type="checkbox" /> Admin
        </label>
        <button type="submit" className="primary">
          Add user
        </button>
      </form>
      <GroupsSection onChanged={users.reload} />
      <QuotasSection onChanged={usage.reload} />
      <h2>Quota usage</h2>
      {usage.error && <p className="error">{usage.error}</p>}
      <table>
        <caption className="visually-hidden">Each user's usage against their quota</caption>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Sessions</th>
            <th scope="col">Running</th>
            <th scope="col">Limits (used of allowed, from quota)</th>
          </tr>
        </thead>
        <tbody>
          {(usage.data ?? []).map((u) => (
            <tr key={u.user}>
              <th scope="row">{u.user}</th>
              <td>{u.sessions}</td>
              <td>{u.running}</td>
              <td>
                {Object.entries(u.limits ?? {})
                  .map(([name, l]) => `${name}: ${limitText(name, l.value)} (${l.quota ?? "default"})`)
                  .join("; ") || "no limits"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
