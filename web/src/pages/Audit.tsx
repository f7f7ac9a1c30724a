import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, getAudit, type AuditPage as AuditReply } from "../api";
import type { PageProps } from "../nav";
import { roleLabel } from "../roles";
import { ErrorMessage, PageHeading } from "./common";

const TIME_FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

function formatTime(at: string): string {
  const time = Date.parse(at);
  return Number.isNaN(time) ? at : `${TIME_FORMAT.format(time)} UTC`;
}

function dash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === "" ? "—" : String(value);
}

/**
 * The audit log, newest first, 50 entries a page. The API pages with a cursor: `next_before` is
 * the id to ask for older entries. "Newer" goes back through the cursors already visited.
 */
export function AuditPage(_props: PageProps) {
  // cursors[i] is the `before` used for page i; page 0 (newest) has none.
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const [reply, setReply] = useState<AuditReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const tableRef = useRef<HTMLDivElement>(null);
  // Set when the user pages, so focus follows to the new entries instead of a disabled button.
  const focusTable = useRef(false);
  const pageIndex = cursors.length - 1;
  const before = cursors[pageIndex];

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getAudit(before, controller.signal)
      .then((page) => {
        setReply(page);
        setLoading(false);
        if (focusTable.current) {
          focusTable.current = false;
          tableRef.current?.focus();
        }
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(caught instanceof ApiError ? caught.message : "The audit log could not be loaded.");
        setLoading(false);
      });
    return () => controller.abort();
  }, [before, pageIndex]);

  function older() {
    if (loading || reply?.next_before == null) return;
    focusTable.current = true;
    setCursors([...cursors, reply.next_before]);
  }
  function newer() {
    if (loading || pageIndex === 0) return;
    focusTable.current = true;
    setCursors(cursors.slice(0, -1));
  }

  const items = reply?.items ?? [];
  const canOlder = reply?.next_before != null;
  const canNewer = pageIndex > 0;

  const pager = (where: string) => (
    <nav class="pager" aria-label={`Audit log pages (${where})`}>
      <button type="button" class="button" onClick={newer} disabled={!canNewer}>
        <span aria-hidden="true">← </span>Newer
      </button>
      <span class="pager-status" aria-live={where === "top" ? "polite" : undefined}>
        {loading ? "Loading…" : `Page ${pageIndex + 1}${items.length ? `, ${items.length} entries` : ""}`}
      </span>
      <button type="button" class="button" onClick={older} disabled={!canOlder}>
        Older<span aria-hidden="true"> →</span>
      </button>
    </nav>
  );

  return (
    <>
      <PageHeading title="Audit log">Audit log</PageHeading>
      <p class="lead">Every change made in PSL, who made it and when; newest first. Entries are never edited or removed.</p>
      <ErrorMessage message={error} />
      {pager("top")}
      <div
        class="table-wrap"
        ref={tableRef}
        tabIndex={0}
        role="region"
        aria-label={`Audit log entries, page ${pageIndex + 1}`}
        aria-busy={loading ? "true" : "false"}
      >
        <table class="data-table audit-table">
          <caption class="visually-hidden">
            Audit log entries, newest first, page {pageIndex + 1}
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Request id</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-audit-id={item.id}>
                <td data-label="Time">
                  <time dateTime={item.at}>{formatTime(item.at)}</time>
                </td>
                <td data-label="User">{dash(item.username ?? (item.user_id === null ? null : `user ${item.user_id}`))}</td>
                <td data-label="Role">{item.role ? roleLabel(item.role) : "—"}</td>
                <td data-label="Action">
                  <code class="action">{item.action}</code>
                </td>
                <td data-label="Target">
                  <code>{dash(item.target)}</code>
                </td>
                <td data-label="Request id">
                  <code class="request-id">{dash(item.request_id)}</code>
                </td>
              </tr>
            ))}
            {!loading && !error && items.length === 0 && (
              <tr>
                <td colSpan={6} class="empty">
                  No entries on this page.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {items.length > 10 && pager("bottom")}
    </>
  );
}
