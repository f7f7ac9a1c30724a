import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, getMe, logIn, type Me } from "../api";
import { currentQuery, href } from "../router";
import { ErrorMessage, PageHeading } from "./common";

interface LoginProps {
  /** A message to show above the form, e.g. why the user was sent back here. */
  notice: string | null;
  onLoggedIn: (me: Me) => void;
}

export function LoginPage({ notice, onLoggedIn }: LoginProps) {
  // A newly registered organisation arrives with its username (#/login?username=...).
  const [username, setUsername] = useState(() => new URLSearchParams(currentQuery()).get("username") ?? "");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // The autofocus attribute only works on the first page load; after logging out, focus by hand.
  useEffect(() => {
    if (username !== "") passwordRef.current?.focus();
    else usernameRef.current?.focus();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await logIn(username.trim(), password);
      const me = await getMe();
      onLoggedIn(me);
    } catch (caught) {
      const apiError =
        caught instanceof ApiError ? caught : new ApiError(0, "unexpected", "Something went wrong. Please try again.");
      setError(apiError);
      setPassword("");
      setBusy(false);
      passwordRef.current?.focus();
    }
  }

  const usernameInvalid = error?.field === "username";
  const passwordInvalid = error !== null && !usernameInvalid && (error.status === 401 || error.field === "password");

  return (
    <div class="login-layout">
      <main id="main" class="login-card">
        <p class="brand brand-large">
          <span class="brand-mark">PSL</span>
          <span class="brand-name">Public Service Licensing</span>
        </p>
        <PageHeading title="Log in">Log in</PageHeading>
        {notice && (
          <p class="message message-info" role="status">
            {notice}
          </p>
        )}
        <ErrorMessage id="login-error" message={error ? error.message : null} />
        <form onSubmit={submit} aria-describedby={error ? "login-error" : undefined}>
          <div class="field">
            <label for="username">Username</label>
            <input
              id="username"
              name="username"
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellcheck={false}
              required
              ref={usernameRef}
              value={username}
              aria-invalid={usernameInvalid ? "true" : undefined}
              onInput={(e) => setUsername(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              ref={passwordRef}
              value={password}
              aria-invalid={passwordInvalid ? "true" : undefined}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? "Logging in…" : "Log in"}
          </button>
        </form>
        <p class="hint">
          PSL licenses the providers of public services and pays them for the outcomes they achieve. Log in with
          the account your organisation gave you.
        </p>
        <ul class="login-links">
          <li>
            <a href={href("/sign-up")}>Ask for help</a>: refer yourself and take the online assessment
          </li>
          <li>
            <a href={href("/prices")}>See what an outcome is worth</a>: the tariff's price calculator
          </li>
          <li>
            <a href={href("/register")}>Search the public register</a> of licensed providers
          </li>
          <li>
            <a href={href("/register-organisation")}>Register your organisation</a> to apply for a licence
          </li>
          <li>
            <a href={href("/complain")}>Make a complaint</a> about a provider
          </li>
        </ul>
      </main>
    </div>
  );
}
