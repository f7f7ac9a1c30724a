// The Regulator's payment runs (PAY-8, docs/payment.md section 8): the runs, newest first; the
// form to prepare a run up to a date; each run's per-provider summary with a chart of what is paid,
// recovered and carried as a shortfall; the release (a second regulator: the server enforces four
// eyes and its refusal is shown as it is); and each provider's statement below the run.

import { useEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../api";
import { formatPence, todayIso } from "../journey";
import { formatDate, formatTime } from "../licensing";
import type { PageProps } from "../nav";
import { listRuns, prepareRun, type Run } from "../payments";
import { href, navigate } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { Notice, setNotice, useNotice } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";
import { RunDetail, RunStatusBadge } from "./PaymentsRun";
import { NotFoundPage } from "./Status";
import { StatementView } from "./StatementView";

export function PaymentsPage({ me, rest }: PageProps) {
  if (!me) return null; // regulators only (see nav.ts)
  if (rest === "") return <RunsList />;
  const match = /^([1-9][0-9]{0,15})(?:\/statements\/([1-9][0-9]{0,15}))?$/.exec(rest);
  if (!match) return <NotFoundPage />;
  const runId = Number(match[1]);
  if (match[2] !== undefined) {
    return (
      <StatementView runId={runId} providerId={Number(match[2])} back={{ to: `/payments/${runId}`, label: `Back to run ${runId}` }} />
    );
  }
  return <RunDetail runId={runId} me={me as Me} />;
}

function RunsList() {
  const notice = useNotice();
  const [items, setItems] = useState<Run[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [before, setBefore] = useState<number[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const cursor = before.length === 0 ? null : before[before.length - 1];

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    listRuns(cursor, controller.signal)
      .then((page) => {
        setItems(page.items);
        setNext(page.next_before);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The payment runs could not be loaded.").message);
        setItems([]);
      });
    return () => controller.abort();
  }, [cursor]);

  return (
    <>
      <PageHeading title="Payments">Payment runs</PageHeading>
      <p class="lead">
        A payment run gathers every payment that has fallen due up to a date, nets each provider's debts against it, and is
        released by a second member of staff (four eyes). Only one run may be open at a time.
      </p>
      <Notice message={notice} />
      <PrepareForm />
      <h2 id="runs-heading">Runs</h2>
      <ErrorMessage message={error} />
      <div
        class="table-wrap"
        role="region"
        aria-labelledby="runs-heading"
        tabIndex={0}
        aria-busy={items === null ? "true" : "false"}
      >
        <table class="data-table stack-table runs-table">
          <caption class="visually-hidden">Payment runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Due up to</th>
              <th scope="col">Status</th>
              <th scope="col" class="number">
                Lines
              </th>
              <th scope="col" class="number">
                Total
              </th>
              <th scope="col">Prepared</th>
              <th scope="col">Released</th>
            </tr>
          </thead>
          <tbody>
            {(items ?? []).map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <td data-label="Run">
                  <a href={href(`/payments/${run.id}`)}>Run {run.id}</a>
                </td>
                <td data-label="Due up to">{formatDate(run.as_of)}</td>
                <td data-label="Status">
                  <RunStatusBadge status={run.status} />
                </td>
                <td data-label="Lines" class="number">
                  {run.line_count}
                </td>
                <td data-label="Total" class="number money">
                  {formatPence(run.total_pence)}
                </td>
                <td data-label="Prepared">{formatTime(run.prepared_at)}</td>
                <td data-label="Released">{run.released_at ? formatTime(run.released_at) : "—"}</td>
              </tr>
            ))}
            {items !== null && items.length === 0 && !error && (
              <tr>
                <td colSpan={7} class="empty">
                  No payment runs yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {(before.length > 0 || next !== null) && (
        <nav class="pager" aria-label="Payment run pages">
          <button type="button" class="button" disabled={before.length === 0} onClick={() => setBefore(before.slice(0, -1))}>
            <span aria-hidden="true">← </span>Newer
          </button>
          <button type="button" class="button" disabled={next === null} onClick={() => next !== null && setBefore([...before, next])}>
            Older<span aria-hidden="true"> →</span>
          </button>
        </nav>
      )}
    </>
  );
}

function PrepareForm() {
  const [asOf, setAsOf] = useState(todayIso);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const dateRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(asOf)) {
      setError({ field: "as_of", message: "Enter the date the run pays up to." });
      dateRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const run = await prepareRun(asOf);
      setNotice(
        `Run ${run.id} prepared: ${run.line_count} ${run.line_count === 1 ? "line" : "lines"}, ${formatPence(run.total_pence)}. Another regulator must release it.`,
      );
      navigate(`/payments/${run.id}`);
    } catch (caught) {
      const apiError = asApiError(caught, "The run could not be prepared. Please try again.");
      setError({ field: apiError.field === "as_of" ? "as_of" : null, message: apiError.message });
      setBusy(false);
      if (apiError.field === "as_of") dateRef.current?.focus();
    }
  }

  const dateError = error?.field === "as_of" ? error.message : null;
  return (
    <form class="panel form-panel prepare-run" onSubmit={submit} noValidate aria-labelledby="prepare-heading">
      <h2 id="prepare-heading">Prepare a run</h2>
      <p class="hint" id="prepare-hint">
        Everything due on or before this date, and not yet paid, goes into the run. Missed outcomes are marked and
        satisfaction payments worked out at the same time.
      </p>
      <ErrorMessage id="prepare-error" message={error && !error.field ? error.message : null} />
      <div class="field">
        <label for="run-as-of">Pay everything due up to</label>
        <input
          id="run-as-of"
          ref={dateRef}
          type="date"
          value={asOf}
          required
          aria-invalid={dateError ? "true" : undefined}
          aria-describedby={describedBy("prepare-hint", dateError && "run-as-of-error")}
          onInput={(e) => setAsOf(e.currentTarget.value)}
        />
        <FieldError id="run-as-of-error" message={dateError} />
      </div>
      <div class="actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Preparing…" : "Prepare run"}
        </button>
      </div>
    </form>
  );
}
