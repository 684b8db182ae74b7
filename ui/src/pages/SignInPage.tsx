import { type FormEvent, useState } from "react";
import { call, describeError, type Me } from "../api/client";
import { useLoad } from "../api/use-load";
import { Alert } from "../components/Alert";

/** The local account form, and the OIDC provider's button when one is configured. */
export function SignInPage({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const providers = useLoad((signal) => call("get", "/api/v1/auth/providers", { signal }), "providers");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const me = await call("post", "/api/v1/auth/login", {
        body: { username: String(form.get("username")), password: String(form.get("password")) },
      });
      onSignedIn(me as Me);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  const oidc = providers.data?.oidc;
  const returnTo = encodeURIComponent(location.pathname + location.search);
  return (
    <main id="main" className="signin">
      <h1>Sign in to StreamSpace</h1>
      <form onSubmit={submit} aria-describedby={error ? "signin-error" : undefined}>
        <label>
          Username
          <input name="username" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <Alert message={error} id="signin-error" />
        <button type="submit" className="primary" disabled={busy}>
          Sign in
        </button>
      </form>
      {oidc?.loginUrl && (
        <p>
          <a className="button" href={`${oidc.loginUrl}?returnTo=${returnTo}`}>
            Sign in with {oidc.displayName}
          </a>
        </p>
      )}
    </main>
  );
}
