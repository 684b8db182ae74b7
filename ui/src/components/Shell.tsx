import { type ReactNode, useEffect, useState } from "react";
import { useMe } from "../App";
import { call, describeError } from "../api/client";
import { Link, useLocation } from "../router";
import { Alert } from "./Alert";

type Theme = "light" | "dark" | "system";

function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(
    () => (localStorage.getItem("theme") as Theme | null) ?? "system",
  );
  useEffect(() => {
    if (theme === "system") {
      delete document.documentElement.dataset.theme;
      localStorage.removeItem("theme");
    } else {
      document.documentElement.dataset.theme = theme;
      localStorage.setItem("theme", theme);
    }
  }, [theme]);
  return [theme, setTheme];
}

/** The frame of every signed-in page: navigation, theme, who is signed in, sign out. */
export function Shell({ children, onSignedOut }: { children: ReactNode; onSignedOut: () => void }) {
  const me = useMe();
  const { pathname } = useLocation();
  const [theme, setTheme] = useTheme();
  const [error, setError] = useState<string>();
  const current = (href: string) =>
    (href === "/" ? pathname === "/" || pathname.startsWith("/templates") : pathname.startsWith(href))
      ? ("page" as const)
      : undefined;

  const signOut = async () => {
    try {
      await call("post", "/api/v1/auth/logout");
      onSignedOut();
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          StreamSpace
        </Link>
        <nav aria-label="Main" className="mainnav">
          <Link href="/" aria-current={current("/")}>
            Catalog
          </Link>
          <Link href="/sessions" aria-current={current("/sessions")}>
            My sessions
          </Link>
          {me.admin && (
            <Link href="/admin" aria-current={current("/admin")}>
              Admin
            </Link>
          )}
        </nav>
        <div className="account">
          <label>
            <span className="visually-hidden">Theme</span>
            <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
              <option value="system">System theme</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <span className="who">{me.displayName ?? me.name}</span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <Alert message={error} />
      <main id="main">{children}</main>
    </>
  );
}
