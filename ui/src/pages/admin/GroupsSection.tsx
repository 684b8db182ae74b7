import { type FormEvent, useState } from "react";
import { call, describeError } from "../../api/client";
import { useLoad } from "../../api/use-load";
import { Alert } from "../../components/Alert";

const membersOf = (form: FormData) =>
  String(form.get("members") ?? "")
    .split(",")
    .map((m) => m.trim())
    .filter(Boolean);

/** Groups and their members: local ones are edited here, the OIDC provider's are shown as it sends them. */
export function GroupsSection({ onChanged }: { onChanged: () => void }) {
  const groups = useLoad((signal) => call("get", "/api/v1/groups", { signal }), "groups");
  const [error, setError] = useState<string>();
  const save = async (event: FormEvent<HTMLFormElement>, name?: string) => {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    try {
      await call("put", "/api/v1/groups/{name}", {
        path: { name: name ?? String(form.get("name")) },
        body: { members: membersOf(form) },
      });
      if (!name) target.reset();
      setError(undefined);
      groups.reload();
      onChanged();
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <>
      <h2>Groups</h2>
      <Alert message={error ?? groups.error} />
      <ul className="groups">
        {(groups.data ?? []).map((g) =>
          g.source === "oidc" ? (
            <li key={g.name}>
              <strong>{g.name}</strong> (from the OIDC provider):{" "}
              {(g.members ?? []).join(", ") || "no members"}
            </li>
          ) : (
            <li key={g.name}>
              <form onSubmit={(e) => save(e, g.name)} className="inline-form" aria-label={`Group ${g.name}`}>
                <strong>{g.name}</strong>
                <label>
                  Members of {g.name}
                  <input name="members" defaultValue={(g.members ?? []).join(", ")} autoComplete="off" />
                </label>
                <button type="submit">Save members</button>
              </form>
            </li>
          ),
        )}
      </ul>
      <form onSubmit={(e) => save(e)} className="inline-form" aria-label="Add a group">
        <label>
          Group name
          <input name="name" required autoComplete="off" />
        </label>
        <label>
          Members (comma-separated)
          <input name="members" autoComplete="off" />
        </label>
        <button type="submit" className="primary">
          Add group
        </button>
      </form>
    </>
  );
}
