// The provider's statements (PAY-8, PAY-9): one per payment run that had something due to it,
// newest first, and each statement's lines with the CSV download below /statements/{run id}.
// The provider only ever asks for its own (the server answers 404 for anyone else's).

import { useEffect, useState } from "preact/hooks";
import { formatPence } from "../journey";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { listProviderStatements, runStatusLabel, type StatementSummary } from "../payments";
import { href } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { asApiError } from "./licensing-common";
import { NotFoundPage } from "./Status";
import { StatementView } from "./StatementView";

export function StatementsPage({ me, rest }: PageProps) {
  if (!me) return null; // providers only (see nav.ts)
  if (me.provider_id === null) {
    return (
      <>
        <PageHeading title="Statements">Statements</PageHeading>
        <p class="message message-info">Your login is not linked to a provider, so there are no statements to show.</p>
      </>
    );
  }
  if (rest === "") return <StatementList providerId={me.provider_id} />;
  const match = /^([1-9][0-9]{0,15})$/.exec(rest);
  if (!match) return <NotFoundPage />;
  return (
    <StatementView runId={Number(match[1])} providerId={me.provider_id} back={{ to: "/statements", label: "Back to your statements" }} />
  );
}

function StatementList({ providerId }: { providerId: number }) {
  const [items, setItems] = useState<StatementSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listProviderStatements(providerId, controller.signal)
      .then((reply) => setItems([...reply.items].sort((a, b) => b.run_id - a.run_id)))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "Your statements could not be loaded.").message);
        setItems([]);
      });
    return () => controller.abort();
  }, [providerId]);

  return (
    <>
      <PageHeading title="Statements">Your statements</PageHeading>
      <p class="lead">
        Each payment run pays what fell due to you up to its date, less any claw-backs and anything you owed. Open a statement
        to see every line behind the money, or download it as CSV.
      </p>
      <ErrorMessage message={error} />
      <div class="table-wrap" role="region" aria-label="Statements" tabIndex={0} aria-busy={items === null ? "true" : "false"}>
        <table class="data-table stack-table statements-table">
          <caption class="visually-hidden">Your statements, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Due up to</th>
              <th scope="col" class="number">
                Lines
              </th>
              <th scope="col" class="number">
                Gross
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
            {(items ?? []).map((s) => (
              <tr key={s.run_id} data-run-id={s.run_id}>
                <td data-label="Run">
                  <a href={href(`/statements/${s.run_id}`)}>Run {s.run_id}</a>
                </td>
                <td data-label="Due up to">{formatDate(s.as_of)}</td>
                <td data-label="Lines" class="number">
                  {s.line_count}
                </td>
                <td data-label="Gross" class="number money">
                  {formatPence(s.gross_pence)}
                </td>
                <td data-label="Recovered" class="number money">
                  {formatPence(s.recovered_pence)}
                </td>
                <td data-label="Paid" class="number money">
                  {formatPence(s.paid_pence)}
                </td>
                <td data-label="Shortfall" class="number money">
                  {formatPence(s.shortfall_pence)}
                </td>
                <td data-label="Status">
                  <span class={`status-badge run-status run-status-${s.status}`}>{runStatusLabel(s.status)}</span>
                </td>
              </tr>
            ))}
            {items !== null && items.length === 0 && !error && (
              <tr>
                <td colSpan={8} class="empty">
                  No statements yet: they appear once a payment run includes something due to you.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
