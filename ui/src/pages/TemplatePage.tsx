import { useState } from "react";
import { call } from "../api/client";
import { useLoad } from "../api/use-load";
import { Alert } from "../components/Alert";
import { FavoriteButton } from "../components/FavoriteButton";
import { LaunchButton } from "../components/LaunchButton";
import { TemplateIcon } from "../components/TemplateIcon";
import { Link } from "../router";

type Spec = {
  baseImage?: string;
  appType?: string;
  defaultResources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  capabilities?: string[];
  vnc?: { enabled?: boolean };
  multiUser?: boolean;
};

const APP_TYPES: Record<string, string> = {
  desktop: "A desktop app, shown in the viewer",
  webapp: "A web app, opened in your browser",
  hybrid: "A desktop with a web interface",
};

/** One template: what it is, what it needs and can do, whether it works; launch and star it. */
export function TemplatePage({ name }: { name: string }) {
  const detail = useLoad(
    (signal) => call("get", "/api/v1/templates/{name}", { path: { name }, signal }),
    name,
  );
  const [favorite, setFavorite] = useState<boolean>();
  if (detail.error)
    return (
      <section>
        <h1>App not found</h1>
        <Alert message={detail.error} />
        <Link href="/">Back to the catalog</Link>
      </section>
    );
  const t = detail.data;
  if (!t) return <p className="loading">Loading…</p>;
  const spec = (t.spec ?? {}) as Spec;
  const displayName = t.displayName ?? name;
  const resources = spec.defaultResources?.limits ?? spec.defaultResources?.requests ?? {};
  return (
    <article className="detail" aria-labelledby="template-heading">
      <p>
        <Link href="/">← Catalog</Link>
      </p>
      <div className="card-head">
        <TemplateIcon src={t.icon ?? ""} name={displayName} size={64} />
        <h1 id="template-heading">{displayName}</h1>
        <FavoriteButton
          template={name}
          displayName={displayName}
          favorite={favorite ?? t.favorite ?? false}
          onChange={setFavorite}
        />
      </div>
      <p>{t.description}</p>
      <dl className="facts">
        <dt>Category</dt>
        <dd>{t.category || "Uncategorized"}</dd>
        <dt>Kind</dt>
        <dd>{APP_TYPES[spec.appType ?? ""] ?? spec.appType}</dd>
        {Object.keys(resources).length > 0 && (
          <>
            <dt>Resources</dt>
            <dd>
              {Object.entries(resources)
                .map(([k, v]) => `${k} ${v}`)
                .join(", ")}
            </dd>
          </>
        )}
        <dt>Can use</dt>
        <dd>{(spec.capabilities ?? []).join(", ") || "Nothing beyond its own window"}</dd>
        {(t.tags ?? []).length > 0 && (
          <>
            <dt>Tags</dt>
            <dd>{(t.tags ?? []).join(", ")}</dd>
          </>
        )}
        <dt>Image</dt>
        <dd>
          <code>{spec.baseImage}</code>
        </dd>
      </dl>
      {t.valid === false ? (
        <Alert message={`This app cannot be launched: ${t.message ?? t.reason}`} />
      ) : (
        <LaunchButton template={name} />
      )}
    </article>
  );
}
