import { Link } from "../../router";
import { NotFound } from "../NotFound";
import { AllSessionsPage } from "./AllSessionsPage";
import { AuditPage } from "./AuditPage";
import { OverviewPage } from "./OverviewPage";
import { RepositoriesPage } from "./RepositoriesPage";
import { SettingsPage } from "./SettingsPage";
import { TemplatesAdminPage } from "./TemplatesAdminPage";
import { UsersPage } from "./UsersPage";

const PAGES = [
  ["/admin", "Overview", OverviewPage],
  ["/admin/sessions", "All sessions", AllSessionsPage],
  ["/admin/templates", "Templates", TemplatesAdminPage],
  ["/admin/repositories", "Repositories", RepositoriesPage],
  ["/admin/users", "Users and quotas", UsersPage],
  ["/admin/settings", "Settings", SettingsPage],
  ["/admin/audit", "Audit log", AuditPage],
] as const;

/** The admin dashboard: only routed for admins (App), and every call behind it is admin-only in the API. */
export function AdminPage({ pathname }: { pathname: string }) {
  const page = PAGES.find(([href]) => href === pathname.replace(/\/$/, ""));
  const Page = page?.[2] ?? NotFound;
  return (
    <div className="admin">
      <nav aria-label="Admin" className="subnav">
        {PAGES.map(([href, label]) => (
          <Link key={href} href={href} aria-current={href === page?.[0] ? "page" : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <Page />
    </div>
  );
}
