import { createContext, useContext, useEffect, useState } from "react";
import { ApiError, call, describeError, type Me, onSignedOut } from "./api/client";
import { Shell } from "./components/Shell";
import { AdminPage } from "./pages/admin/AdminPage";
import { CatalogPage } from "./pages/CatalogPage";
import { NotFound } from "./pages/NotFound";
import { SessionsPage } from "./pages/SessionsPage";
import { SignInPage } from "./pages/SignInPage";
import { TemplatePage } from "./pages/TemplatePage";
import { ViewerPage } from "./pages/ViewerPage";
import { match, useLocation } from "./router";

const MeContext = createContext<Me | null>(null);

/** The signed-in user; pages below the shell are only rendered with one. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe outside a signed-in page");
  return me;
}

type Auth =
  | { state: "loading" }
  | { state: "out" }
  | { state: "in"; me: Me }
  | { state: "error"; message: string };

export function App() {
  const [auth, setAuth] = useState<Auth>({ state: "loading" });
  const { pathname } = useLocation();

  useEffect(() => {
    call("get", "/api/v1/me").then(
      (me) => setAuth({ state: "in", me }),
      (error: unknown) =>
        setAuth(
          error instanceof ApiError && error.status === 401
            ? { state: "out" }
            : { state: "error", message: describeError(error) },
        ),
    );
    return onSignedOut(() => setAuth({ state: "out" }));
  }, []);

  if (auth.state === "loading") return <p className="loading">Loading…</p>;
  if (auth.state === "error") return <p role="alert">StreamSpace is not reachable: {auth.message}</p>;
  if (auth.state === "out") return <SignInPage onSignedIn={(me) => setAuth({ state: "in", me })} />;
  return (
    <MeContext.Provider value={auth.me}>
      <Shell onSignedOut={() => setAuth({ state: "out" })}>{route(pathname, auth.me)}</Shell>
    </MeContext.Provider>
  );
}

function route(pathname: string, me: Me) {
  if (pathname === "/" || pathname === "/catalog") return <CatalogPage />;
  const template = match("/templates/:name", pathname);
  if (template?.name) return <TemplatePage name={template.name} key={template.name} />;
  if (pathname === "/sessions") return <SessionsPage />;
  const session = match("/sessions/:name", pathname);
  if (session?.name) return <ViewerPage name={session.name} key={session.name} />;
  if (pathname === "/admin" || pathname.startsWith("/admin/"))
    return me.admin ? <AdminPage pathname={pathname} /> : <NotFound />;
  return <NotFound />;
}
