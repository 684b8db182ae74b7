import { call } from "../../api/client";
import { useLoad } from "../../api/use-load";
import { Alert } from "../../components/Alert";
import { statusOf } from "./repository-errors";

/** Source file of a Template, from the annotation the repository sync writes. */
function SourceFile({ name }: { name: string }) {
  const detail = useLoad(
    (signal) => call("get", "/api/v1/templates/{name}", { path: { name }, signal }),
    name,
  );
  const source = detail.data?.source as { path?: string | null } | undefined;
  return <code>{source?.path ?? "—"}</code>;
}

/**
 * Templates with their validity and the reason, and the repository files that did not become Templates
 * at all (a file the sync refused is no Template, so it is listed from the repositories' status).
 */
export function TemplatesAdminPage() {
  const templates = useLoad((signal) => call("get", "/api/v1/templates", { signal }), "admin-templates");
  const repositories = useLoad((signal) => call("get", "/api/v1/repositories", { signal }), "admin-repos");
  const refused = (repositories.data ?? []).flatMap((r) =>
    (statusOf(r).errors ?? []).map((e) => ({ repository: r.name ?? "", ...e })),
  );
  return (
    <section>
      <h1>Templates</h1>
      <Alert message={templates.error} />
      <h2>Invalid template files</h2>
      <Alert message={repositories.error} />
      {repositories.data && refused.length === 0 && (
        <p>Every file in every repository is a valid template.</p>
      )}
      {refused.length > 0 && (
        <table>
          <caption className="visually-hidden">Template files that are invalid</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Repository</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {refused.map((e) => (
              <tr key={`${e.repository}/${e.file}/${e.document ?? 0}/${e.field ?? ""}`} className="invalid">
                <th scope="row">
                  <code>{e.file}</code>
                </th>
                <td>{e.repository}</td>
                <td>
                  <code>{e.field ?? "—"}</code>
                </td>
                <td>
                  <span className="state state-failed">
                    {e.severity === "Warning" ? "Warning" : "Invalid"}
                  </span>{" "}
                  {e.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Templates in the catalog</h2>
      <table>
        <caption className="visually-hidden">Templates</caption>
        <thead>
          <tr>
            <th scope="col">Template</th>
            <th scope="col">Validity</th>
            <th scope="col">Source file</th>
          </tr>
        </thead>
        <tbody>
          {(templates.data ?? []).map((t) => (
            <tr key={t.name}>
              <th scope="row">
                {t.displayName} <span className="sub">{t.name}</span>
              </th>
              <td>
                {t.valid === false ? (
                  <>
                    <span className="state state-failed">Invalid</span> {t.reason}: {t.message}
                  </>
                ) : (
                  <span className="state state-running">Valid</span>
                )}
              </td>
              <td>{t.valid === false && t.name ? <SourceFile name={t.name} /> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
