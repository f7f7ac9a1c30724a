// One payment run for the Regulator: its status and progress, the per-provider summary with a
// chart of what each provider is paid, what was recovered from its debts and what it still owes,
// and the release. Four eyes is the server's rule: whoever prepared the run is refused, and the
// page shows the server's message as it is rather than guessing.

import { useEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../api";
import { formatPence } from "../journey";
import { formatDate, formatTime } from "../licensing";
import { getRun, releaseRun, runStatusLabel, type ProviderSummary, type RunView } from "../payments";
import { href } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { BackLink, Loading, Notice, useNotice } from "./journey-common";
import { asApiError, ConfirmStep, SummaryList } from "./licensing-common";
import { MoneyBars, SERIES } from "./PaymentsChart";

export function RunStatusBadge({ status }: { status: string }) {
  return <span class={`status-badge run-status run-status-${status}`}>{runStatusLabel(status)}</span>;
}

function sum(providers: ProviderSummary[], pick: (p: ProviderSummary) => number): number {
  return providers.reduce((total, p) => total + pick(p), 0);
}

export function RunDetail({ runId, me }: { runId: number; me: Me }) {
  const notice = useNotice();
  const [run, setRun] = useState<RunView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [releaseError, setReleaseError] = useState<string | null>(null);
  const [released, setReleased] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    setRun(null);
    setLoadError(null);
    getRun(runId, controller.signal)
      .then(setRun)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(asApiError(caught, "The payment run could not be loaded.").message);
      });
    return () => controller.abort();
  }, [runId]);

  async function release() {
    if (busy) return;
    setBusy(true);
    setReleaseError(null);
    setReleased(null);
    try {
      const after = await releaseRun(runId);
      setRun(after);
      const paid = sum(after.providers, (p) => p.paid_pence);
      setReleased(
        after.status === "released"
          ? `Run ${after.id} released: ${formatPence(paid)} paid to ${after.providers.filter((p) => p.paid_pence > 0).length} ${after.providers.filter((p) => p.paid_pence > 0).length === 1 ? "provider" : "providers"}.`
          : `Run ${after.id} is ${runStatusLabel(after.status).toLowerCase()}.`,
      );
    } catch (caught) {
      setReleaseError(asApiError(caught, "The run could not be released. Please try again.").message);
    } finally {
      setBusy(false);
      setConfirming(false);
      setTimeout(() => messageRef.current?.focus(), 0);
    }
  }

  const title = `Payment run ${runId}`;
  if (!run) {
    return (
      <>
        <BackLink to="/payments">Back to the payment runs</BackLink>
        <PageHeading title={title}>{title}</PageHeading>
        <ErrorMessage message={loadError} />
        {!loadError && <Loading what="the payment run" />}
      </>
    );
  }

  const providers = [...run.providers].sort((a, b) => a.provider_name.localeCompare(b.provider_name, "en-GB"));
  const paidCount = providers.filter((p) => p.status === "paid").length;
  const youPrepared = run.prepared_by_user_id === me.user_id;
  const canRelease = run.status !== "released";

  return (
    <>
      <BackLink to="/payments">Back to the payment runs</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      <Notice message={notice} />
      <div ref={messageRef} tabIndex={-1} class="message-anchor">
        <ErrorMessage id="release-error" message={releaseError} />
        {released && (
          <div class="message message-success release-done" role="status">
            {released}
          </div>
        )}
      </div>

      <section class="panel panel-wide" aria-labelledby="run-heading">
        <h2 id="run-heading">The run</h2>
        <SummaryList
          rows={[
            ["Status", <RunStatusBadge status={run.status} />],
            ["Pays everything due up to", formatDate(run.as_of)],
            ["Prepared", `${formatTime(run.prepared_at)} by user ${run.prepared_by_user_id}${youPrepared ? " (you)" : ""}`],
            [
              "Released",
              run.released_at ? `${formatTime(run.released_at)} by user ${run.released_by_user_id ?? "—"}` : "Not yet",
            ],
            ["Lines", String(run.line_count)],
            ["Total due", <strong class="money run-total">{formatPence(run.total_pence)}</strong>],
            [run.status === "released" ? "Paid to providers" : "To pay to providers", <strong class="money run-paid">{formatPence(sum(providers, (p) => p.paid_pence))}</strong>],
            ["Recovered from receivables", <span class="money run-recovered">{formatPence(sum(providers, (p) => p.recovered_pence))}</span>],
            ["Shortfalls carried as debts", <span class="money run-shortfall">{formatPence(sum(providers, (p) => p.shortfall_pence))}</span>],
          ]}
        />
        <div class="field run-progress">
          <label for="run-progress">
            Providers paid: {paidCount} of {providers.length}
          </label>
          <progress id="run-progress" max={Math.max(1, providers.length)} value={paidCount}>
            {paidCount} of {providers.length}
          </progress>
        </div>
        {canRelease && (
          <div class="release-step">
            <p class="hint" id="release-hint">
              {youPrepared
                ? "You prepared this run. Under the four-eyes rule another regulator must release it."
                : "Releasing pays each provider its net amount. A release that stops part-way can be run again: providers already paid are never paid twice."}
            </p>
            {confirming ? (
              <ConfirmStep confirmLabel="Release the payments" busy={busy} onConfirm={release} onCancel={() => setConfirming(false)}>
                <p>
                  Pay {formatPence(sum(providers, (p) => p.paid_pence))} to the providers in run {run.id}? This cannot be undone.
                </p>
              </ConfirmStep>
            ) : (
              <button
                type="button"
                class="button button-primary"
                aria-describedby="release-hint"
                onClick={() => setConfirming(true)}
              >
                {run.status === "releasing" ? "Finish the release" : "Release"}
              </button>
            )}
          </div>
        )}
      </section>

      <section class="panel panel-wide" aria-labelledby="chart-heading">
        <h2 id="chart-heading">Per provider</h2>
        {providers.length === 0 ? (
          <p class="muted">Nothing fell due for any provider.</p>
        ) : (
          <MoneyBars
            label={`Paid, recovered and shortfall per provider in run ${run.id}`}
            series={[SERIES.paid, SERIES.recovered, SERIES.shortfall]}
            groups={providers.map((p) => ({
              key: String(p.provider_id),
              label: p.provider_name,
              values: { paid: p.paid_pence, recovered: p.recovered_pence, shortfall: p.shortfall_pence },
            }))}
          />
        )}
      </section>

      <ProvidersTable runId={run.id} providers={providers} />
    </>
  );
}

function ProvidersTable({ runId, providers }: { runId: number; providers: ProviderSummary[] }) {
  const money = (pence: number, label: string, extra = "") => (
    <td data-label={label} class={`number money ${extra}`.trim()} data-pence={pence}>
      {formatPence(pence)}
    </td>
  );
  return (
    <section class="table-section" aria-labelledby="providers-table-heading">
      <h2 id="providers-table-heading">Statements</h2>
      <div class="table-wrap" role="region" aria-labelledby="providers-table-heading" tabIndex={0}>
        <table class="data-table stack-table run-providers">
          <caption class="visually-hidden">Each provider's summary in run {runId}</caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" class="number">
                Lines
              </th>
              <th scope="col" class="number">
                Gross
              </th>
              <th scope="col" class="number">
                Claw-backs
              </th>
              <th scope="col" class="number">
                Owed before
              </th>
              <th scope="col" class="number">
                Recovered
              </th>
              <th scope="col" class="number">
                Paid
              </th>
              <th scope="col" class="number">
                Shortfall
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.provider_id} data-provider-id={p.provider_id}>
                <th scope="row" data-label="Provider">
                  <a href={href(`/payments/${runId}/statements/${p.provider_id}`)}>{p.provider_name}</a>
                </th>
                <td data-label="Lines" class="number">
                  {p.line_count}
                </td>
                {money(p.gross_pence, "Gross")}
                {money(p.clawback_pence, "Claw-backs")}
                {money(p.receivable_pence, "Owed before")}
                {money(p.recovered_pence, "Recovered")}
                {money(p.paid_pence, "Paid", "provider-paid")}
                {money(p.shortfall_pence, "Shortfall")}
                <td data-label="Status">
                  <span class={`status-badge run-status run-status-${p.status}`}>{runStatusLabel(p.status)}</span>
                </td>
              </tr>
            ))}
            {providers.length === 0 && (
              <tr>
                <td colSpan={9} class="empty">
                  No provider has anything due in this run.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
