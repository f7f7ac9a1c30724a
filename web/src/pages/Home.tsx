import type { PageProps } from "../nav";
import { href } from "../router";
import { isRole, ROLE_INTROS, roleLabel } from "../roles";
import { PageHeading } from "./common";

export function HomePage({ me, links }: PageProps) {
  if (!me) return null; // Home is for logged-in users only (see nav.ts)
  const intro = isRole(me.role) ? ROLE_INTROS[me.role] : null;
  const others = links.filter((link) => link.path !== "/");
  return (
    <>
      <PageHeading title="Home">Welcome, {me.username}</PageHeading>
      <p class="lead">
        You are logged in as <strong>{roleLabel(me.role)}</strong>. {intro?.who}
      </p>
      {intro && (
        <section class="panel" aria-labelledby="can-heading">
          <h2 id="can-heading">What you do in PSL</h2>
          <ul class="ticks">
            {intro.can.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      )}
      {others.length > 0 && (
        <section class="panel" aria-labelledby="pages-heading">
          <h2 id="pages-heading">Open now</h2>
          <ul class="link-list">
            {others.map((link) => (
              <li key={link.path}>
                <a href={href(link.path)}>{link.label}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="muted">More pages for your role are being added to PSL; they will appear in the menu.</p>
    </>
  );
}
