import { href } from "../router";
import { roleLabel } from "../roles";
import { PageHeading } from "./common";

export function NotAllowedPage({ role, page }: { role: string; page: string }) {
  return (
    <>
      <PageHeading title="Not allowed">Not allowed</PageHeading>
      <div class="message message-warning">
        <p>
          You are not allowed to open <strong>{page}</strong>: it is not part of what the {roleLabel(role)} role
          does in PSL.
        </p>
      </div>
      <p>
        <a href={href("/")}>Go to your home page</a>
      </p>
    </>
  );
}

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>There is no page at this address.</p>
      <p>
        <a href={href("/")}>Go to your home page</a>
      </p>
    </>
  );
}
