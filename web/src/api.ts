// The PSL HTTP API as the browser sees it: one fetch wrapper, the session token, typed replies.
//
// Errors from the server are always {"error":{"code","message","field"}} with a 4xx status; they
// surface here as ApiError. A 401 on any authenticated call ends the session: the token is
// dropped and the listener registered with onSessionEnded() is told, so the app returns to login.

import type { Role } from "./roles";

export const API_BASE = "/api/v1";

const SESSION_KEY = "psl.session";

export interface StoredSession {
  token: string;
  expires_at: string;
  role: string;
}

export interface SessionCreated {
  token: string;
  expires_at: string;
  role: Role;
}

export interface Me {
  user_id: number;
  username: string;
  role: Role;
  provider_id: number | null;
  citizen_id: number | null;
}

export interface AuditItem {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  action: string;
  target: string | null;
  request_id: string | null;
  detail?: unknown;
}

export interface AuditPage {
  items: AuditItem[];
  next_before: number | null;
}

/** An error reply from the API, or a failure to reach it (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;

  constructor(status: number, code: string, message: string, field: string | null = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

// ---- the session token (sessionStorage: gone when the tab closes) ----

export function loadSession(): StoredSession | null {
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.token !== "string" || parsed.token === "") return null;
    const expires = Date.parse(parsed.expires_at ?? "");
    if (!Number.isNaN(expires) && expires <= Date.now()) {
      clearSession();
      return null;
    }
    return { token: parsed.token, expires_at: parsed.expires_at ?? "", role: parsed.role ?? "" };
  } catch {
    clearSession();
    return null;
  }
}

function saveSession(session: StoredSession): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Storage unavailable: nothing to clear.
  }
}

type SessionEndedListener = () => void;
let sessionEndedListener: SessionEndedListener | null = null;

/** Registers the one function called when the server answers 401 to an authenticated call. */
export function onSessionEnded(listener: SessionEndedListener | null): void {
  sessionEndedListener = listener;
}

// ---- requests ----

export interface RequestOptions {
  body?: unknown;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /** Treat a 401 as "the session has ended" (default: same as auth). */
  endSessionOn401?: boolean;
  signal?: AbortSignal;
}

/** One call to the API; pages' own API modules (e.g. licensing.ts) build on it. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (auth) {
    const session = loadSession();
    if (session) headers["Authorization"] = `Bearer ${session.token}`;
  }

  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network", "Cannot reach the PSL server. Check your connection and try again.");
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let payload: unknown = null;
  if (text !== "") {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }

  if (!response.ok) {
    const error = toApiError(response.status, payload);
    if (response.status === 401 && (options.endSessionOn401 ?? auth)) {
      clearSession();
      sessionEndedListener?.();
    }
    throw error;
  }
  return payload as T;
}

function toApiError(status: number, payload: unknown): ApiError {
  const body = payload as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null;
  const detail = body?.error;
  if (detail && typeof detail.message === "string" && detail.message !== "") {
    return new ApiError(
      status,
      typeof detail.code === "string" ? detail.code : `http_${status}`,
      detail.message,
      typeof detail.field === "string" && detail.field !== "" ? detail.field : null,
    );
  }
  const fallback: Record<number, string> = {
    401: "You need to log in again.",
    403: "You are not allowed to do this.",
    404: "Not found.",
    429: "Too many attempts. Wait a little and try again.",
  };
  return new ApiError(
    status,
    `http_${status}`,
    fallback[status] ?? `The server could not handle the request (HTTP ${status}).`,
  );
}

// ---- the calls the pages use ----

/** Logs in and keeps the token. Bad credentials (401) and lock-outs (429) throw ApiError. */
export async function logIn(username: string, password: string): Promise<SessionCreated> {
  const created = await request<SessionCreated>("POST", "/sessions", {
    body: { username, password },
    auth: false,
  });
  if (!created || typeof created.token !== "string") {
    throw new ApiError(500, "bad_reply", "The server's reply to the login was not understood.");
  }
  saveSession({ token: created.token, expires_at: created.expires_at, role: created.role });
  return created;
}

/** Ends the session on the server (best effort) and always forgets the token locally. */
export async function logOut(): Promise<void> {
  try {
    if (loadSession()) await request<void>("DELETE", "/sessions/current", { endSessionOn401: false });
  } catch {
    // The token is dropped below whatever the server said: logging out never fails for the user.
  } finally {
    clearSession();
  }
}

export function getMe(signal?: AbortSignal): Promise<Me> {
  return request<Me>("GET", "/me", { signal });
}

export const AUDIT_PAGE_SIZE = 50;

export function getAudit(before: number | null, signal?: AbortSignal): Promise<AuditPage> {
  const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
  if (before !== null) query.set("before", String(before));
  return request<AuditPage>("GET", `/audit?${query.toString()}`, { signal });
}
