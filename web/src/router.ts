// Hash routing (#/audit): works from any static file server and needs no server fallback.

import { useEffect, useState } from "preact/hooks";

export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, "");
  if (hash === "" || hash === "/") return "/";
  const path = hash.startsWith("/") ? hash : `/${hash}`;
  return path.split("?")[0].replace(/\/+$/, "") || "/";
}

export function href(path: string): string {
  return `#${path}`;
}

export function navigate(path: string): void {
  if (currentPath() !== path) window.location.hash = path;
}

/** The current route path, updated on every hash change. */
export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return path;
}
