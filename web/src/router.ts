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

/** The query part of the hash (#/register?status=granted), without the "?". */
export function currentQuery(): string {
  const hash = window.location.hash.replace(/^#/, "");
  const at = hash.indexOf("?");
  return at < 0 ? "" : hash.slice(at + 1);
}

/** The hash's query, updated on every hash change (a page keeps its search in it). */
export function useQuery(): URLSearchParams {
  const [query, setQuery] = useState(currentQuery);
  useEffect(() => {
    const update = () => setQuery(currentQuery());
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return new URLSearchParams(query);
}

/** Goes to a path with a query; entries with no value are left out. */
export function navigateWithQuery(path: string, params: Record<string, string | null | undefined>): void {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, value);
  }
  const text = search.toString();
  const target = text === "" ? path : `${path}?${text}`;
  if (window.location.hash.replace(/^#/, "") !== target) window.location.hash = target;
}
