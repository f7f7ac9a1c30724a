import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";

/** The page's h1. The shell moves focus here on every route change, so it is focusable. */
export function PageHeading({ children, title }: { children: ComponentChildren; title: string }) {
  useEffect(() => {
    document.title = `${title} · PSL`;
  }, [title]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}

export function ErrorMessage({ message, id }: { message: string | null; id?: string }) {
  // The live region stays in the page so that screen readers announce a message as it appears.
  return (
    <div id={id} class={message ? "message message-error" : "message-empty"} role="alert">
      {message}
    </div>
  );
}
