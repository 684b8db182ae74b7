import { useDeferredValue, useState } from "react";
import { call, type TemplateSummary } from "../api/client";
import { useLoad } from "../api/use-load";
import { FavoriteButton } from "../components/FavoriteButton";
import { LaunchButton } from "../components/LaunchButton";
import { TemplateIcon } from "../components/TemplateIcon";
import { Link } from "../router";

/** The catalog: search, category and tag filters, favorites and recent launches first, then the grid. */
export function CatalogPage() {
  const [q, setQ] = useState("");
  const [category, setCategory] = useState("");
  const [tag, setTag] = useState("");
  const query = useDeferredValue({ q, category, tag });
  const key = JSON.stringify(query);
  const templates = useLoad((signal) => call("get", "/api/v1/templates", { query, signal }), key);
  const categories = useLoad((signal) => call("get", "/api/v1/catalog/categories", { signal }), "categories");
  const recent = useLoad((signal) => call("get", "/api/v1/catalog/recent", { signal }), "recent");
  // Stars change here without a reload of the whole list.
  const [stars, setStars] = useState<Record<string, boolean>>({});
  const starred = (t: TemplateSummary) => stars[t.name ?? ""] ?? t.favorite ?? false;
  const setStar = (name: string, value: boolean) => setStars((s) => ({ ...s, [name]: value }));

  const all = templates.data ?? [];
  const favorites = all.filter(starred);
  const filtering = q !== "" || category !== "" || tag !== "";

  const card = (t: TemplateSummary, where: string) => (
    <TemplateCard
      key={t.name}
      template={t}
      favorite={starred(t)}
      onStar={setStar}
      onTag={setTag}
      idPrefix={where}
    />
  );

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
      {templates.error && (
        <p role="alert" className="error">
          {templates.error}
        </p>
      )}
      {!filtering && favorites.length > 0 && (
        <section aria-labelledby="favorites-heading">
          <h2 id="favorites-heading">Favorites</h2>
          <div className="grid">{favorites.map((t) => card(t, "fav"))}</div>
        </section>
      )}
      {!filtering && (recent.data ?? []).length > 0 && (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recently used</h2>
          <div className="grid">{(recent.data ?? []).slice(0, 4).map((t) => card(t, "recent"))}</div>
        </section>
      )}
      <section aria-labelledby="all-heading">
        <h2 id="all-heading">{filtering ? `${all.length} matching` : "All apps"}</h2>
        {templates.data && all.length === 0 && (
          <p>No app matches. Clear the search or pick another category.</p>
        )}
        {!templates.data && !templates.error && <p className="loading">Loading the catalog…</p>}
        <div className="grid">{all.map((t) => card(t, "all"))}</div>
      </section>
    </section>
  );
}

function TemplateCard({
  template: t,
  favorite,
  onStar,
  onTag,
  idPrefix,
}: {
  template: TemplateSummary;
  favorite: boolean;
  onStar: (name: string, value: boolean) => void;
  onTag: (tag: string) => void;
  idPrefix: string;
}) {
  const name = t.name ?? "";
  const displayName = t.displayName ?? name;
  const heading = `${idPrefix}-${name}`;
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
