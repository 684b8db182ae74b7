import { useDeferredValue, useState } from "react";
import { call, type TemplateSummary } from "../api/client";
import { useLoad } from "../api/use-load";
import { Alert } from "../components/Alert";
import { FavoriteButton } from "../components/FavoriteButton";
import { LaunchButton } from "../components/LaunchButton";
import { TemplateIcon } from "../components/TemplateIcon";
import { Link } from "../router";

type View = "all" | "favorites" | "recent";
const VIEWS: ReadonlyArray<readonly [View, string]> = [
  ["all", "All apps"],
  ["favorites", "Favorites"],
  ["recent", "Recently used"],
];

/** The catalog: search, category and tag filters, and all apps, the starred ones or the recent ones. */
export function CatalogPage() {
  const [q, setQ] = useState("");
  const [category, setCategory] = useState("");
  const [tag, setTag] = useState("");
  const [view, setView] = useState<View>("all");
  const query = useDeferredValue({ q, category, tag });
  const key = JSON.stringify(query);
  const templates = useLoad((signal) => call("get", "/api/v1/templates", { query, signal }), key);
  const categories = useLoad((signal) => call("get", "/api/v1/catalog/categories", { signal }), "categories");
  const recent = useLoad((signal) => call("get", "/api/v1/catalog/recent", { signal }), "recent");
  // Stars change here without a reload of the whole list.
  const [stars, setStars] = useState<Record<string, boolean>>({});
  const starred = (t: TemplateSummary) => stars[t.name ?? ""] ?? t.favorite ?? false;
  const setStar = (name: string, value: boolean) => setStars((s) => ({ ...s, [name]: value }));

  // One grid, so each app appears once (and is found once by its name): favorites and recent launches
  // are views of it, not extra copies.
  const all = templates.data ?? [];
  const recentNames = (recent.data ?? []).map((t) => t.name);
  const shown =
    view === "favorites"
      ? all.filter(starred)
      : view === "recent"
        ? recentNames.flatMap((name) => all.filter((t) => t.name === name))
        : all;

  return (
    <section>
      <h1>Catalog</h1>
      <search className="filters">
        <label>
          Search
          <input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Firefox, editor, …"
          />
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">All categories</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.name} value={c.name}>
                {c.name || "Uncategorized"} ({c.count})
              </option>
            ))}
          </select>
        </label>
        {tag && (
          <button type="button" onClick={() => setTag("")} aria-label={`Remove tag filter ${tag}`}>
            Tag: {tag} ✕
          </button>
        )}
      </search>
      <Alert message={templates.error} />
      <fieldset className="views">
        <legend className="visually-hidden">Show</legend>
        {VIEWS.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={view === value} onClick={() => setView(value)}>
            {label}
          </button>
        ))}
      </fieldset>
      <section aria-labelledby="apps-heading">
        <h2 id="apps-heading" className="visually-hidden">
          {VIEWS.find(([value]) => value === view)?.[1]}
        </h2>
        {templates.data && shown.length === 0 && (
          <p>
            {view === "favorites"
              ? "No favorites yet: star an app to find it here."
              : view === "recent"
                ? "You have not launched anything yet."
                : "No app matches. Clear the search or pick another category."}
          </p>
        )}
        {!templates.data && !templates.error && <p className="loading">Loading the catalog…</p>}
        <div className="grid">
          {shown.map((t) => (
            <TemplateCard key={t.name} template={t} favorite={starred(t)} onStar={setStar} onTag={setTag} />
          ))}
        </div>
      </section>
    </section>
  );
}

function TemplateCard({
  template: t,
  favorite,
  onStar,
  onTag,
}: {
  template: TemplateSummary;
  favorite: boolean;
  onStar: (name: string, value: boolean) => void;
  onTag: (tag: string) => void;
}) {
  const name = t.name ?? "";
  const displayName = t.displayName ?? name;
  const heading = `template-${name}`;
  return (
    <article className="card" aria-labelledby={heading}>
      <div className="card-head">
        <TemplateIcon src={t.icon ?? ""} name={displayName} />
        <h3 id={heading}>
          <Link href={`/templates/${encodeURIComponent(name)}`}>{displayName}</Link>
        </h3>
        <FavoriteButton
          template={name}
          displayName={displayName}
          favorite={favorite}
          onChange={(v) => onStar(name, v)}
        />
      </div>
      <p className="category">{t.category}</p>
      <p className="description">{t.description}</p>
      {(t.tags ?? []).length > 0 && (
        <ul className="tags" aria-label="Tags">
          {(t.tags ?? []).slice(0, 5).map((tag) => (
            <li key={tag}>
              <button
                type="button"
                className="tag"
                onClick={() => onTag(tag)}
                aria-label={`Show apps tagged ${tag}`}
              >
                {tag}
              </button>
            </li>
          ))}
        </ul>
      )}
      {t.valid === false ? (
        <p className="error">Unavailable: {t.message ?? t.reason}</p>
      ) : (
        <LaunchButton template={name} />
      )}
    </article>
  );
}
