import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, getMe, loadSession, logOut, onSessionEnded, type Me } from "./api";
import { isPublicPath, navFor, pageAt, restOf } from "./nav";
import { NotAllowedPage, NotFoundPage } from "./pages/Status";
import { LoginPage } from "./pages/Login";
import { href, navigate, usePath } from "./router";
import { roleLabel, type Audience } from "./roles";

type AuthState =
  | { kind: "checking" }
  | { kind: "anonymous"; notice: string | null }
  | { kind: "signed-in"; me: Me };

const SESSION_ENDED = "Your session has ended. Please log in again.";

export function App() {
  const path = usePath();
  const [auth, setAuth] = useState<AuthState>(() =>
    loadSession() ? { kind: "checking" } : { kind: "anonymous", notice: null },
  );

  // Any 401 from an authenticated call lands here.
  useEffect(() => {
    onSessionEnded(() => setAuth({ kind: "anonymous", notice: SESSION_ENDED }));
    return () => onSessionEnded(null);
  }, []);

  // A token kept from earlier in this tab: find out who it belongs to.
  useEffect(() => {
    if (auth.kind !== "checking") return;
    const controller = new AbortController();
    getMe(controller.signal)
      .then((me) => setAuth({ kind: "signed-in", me }))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        // 401 is handled by the session-ended listener; anything else also needs a fresh login.
        if (!(caught instanceof ApiError && caught.status === 401)) {
          setAuth({ kind: "anonymous", notice: caught instanceof ApiError ? caught.message : SESSION_ENDED });
        }
      });
    return () => controller.abort();
  }, [auth.kind]);

  if (auth.kind === "checking") {
    return (
      <div class="login-layout">
        <p class="loading" role="status">
          Loading PSL…
        </p>
      </div>
    );
  }
  if (auth.kind === "anonymous") {
    // A visitor may open the public pages (the register, registering an organisation); every
    // other address asks them to log in first.
    if (isPublicPath(path)) return <Shell me={null} onLoggedOut={() => undefined} />;
    return (
      <LoginPage
        notice={auth.notice}
        onLoggedIn={(me) => {
          if (path === "/login") navigate("/");
          setAuth({ kind: "signed-in", me });
        }}
      />
    );
  }
  return (
    <Shell
      me={auth.me}
      onLoggedOut={() => {
        navigate("/");
        setAuth({ kind: "anonymous", notice: "You have logged out." });
      }}
    />
  );
}

function Shell({ me, onLoggedOut }: { me: Me | null; onLoggedOut: () => void }) {
  const path = usePath();
  const audience: Audience = me ? (me.role as Audience) : "public";
  const links = navFor(audience);
  const entry = pageAt(path);
  const allowed = entry !== undefined && entry.audience.includes(audience);
  const [loggingOut, setLoggingOut] = useState(false);
  const firstRender = useRef(true);

  // Move focus to the new page's heading on every route change (and after logging in), so
  // keyboard and screen-reader users start at the top of what changed.
  useEffect(() => {
    const heading = document.getElementById("page-title");
    if (heading) heading.focus({ preventScroll: !firstRender.current });
    firstRender.current = false;
    window.scrollTo(0, 0);
  }, [path]);

  // Logged in at the login address (e.g. from a link): go home.
  useEffect(() => {
    if (me && path === "/login") navigate("/");
  }, [me, path]);

  async function logOutClicked() {
    setLoggingOut(true);
    await logOut();
    onLoggedOut();
  }

  let content;
  if (entry === undefined || entry.page === undefined) {
    content = <NotFoundPage />;
  } else if (!allowed) {
    content = <NotAllowedPage role={audience} page={entry.label} />;
  } else {
    const Page = entry.page;
    content = <Page me={me} links={links} rest={restOf(entry, path)} />;
  }

  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href={href("/")} aria-label="PSL, Public Service Licensing: home">
          <span class="brand-mark">PSL</span>
          <span class="brand-name">Public Service Licensing</span>
        </a>
        {me ? (
          <div class="user" aria-label="Logged in user">
            <span class="user-name">{me.username}</span>
            <span class="role-badge">{roleLabel(me.role)}</span>
            <button type="button" class="button button-quiet" onClick={logOutClicked} disabled={loggingOut}>
              {loggingOut ? "Logging out…" : "Log out"}
            </button>
          </div>
        ) : (
          <div class="user">
            <a class="button button-quiet" href={href("/login")}>
              Log in
            </a>
          </div>
        )}
      </header>
      <div class="body">
        <nav class="sidenav" aria-label="Main">
          <ul>
            {links.map((link) => (
              <li key={link.path}>
                <a
                  href={href(link.path)}
                  aria-current={link.path === path ? "page" : link === entry ? "location" : undefined}
                >
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" class="content">
          {content}
        </main>
      </div>
      <footer class="footer">PSL · Public Service Licensing</footer>
    </div>
  );
}

// With hash routing a plain "#main" link would change the route; move focus instead.
function skipToMain(event: Event) {
  event.preventDefault();
  const heading = document.getElementById("page-title") ?? document.getElementById("main");
  heading?.focus();
}
