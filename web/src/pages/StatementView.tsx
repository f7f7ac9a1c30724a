// One provider's statement for one payment run: the summary, every due line that explains the
// money (kind, customer, outcome, amount, tariff version, rule) and the CSV download. Shared by the
// provider's Statements page and the Regulator's run detail.

import { useEffect, useState } from "preact/hooks";
import { formatPence, type Names } from "../journey";
import { formatDate } from "../licensing";
import {
  downloadCsv,
  getStatement,
  lineKindLabel,
  runStatusLabel,
  statementCsvUrl,
  type Statement,
  type StatementLine,
} from "../payments";
import { ErrorMessage, PageHeading } from "./common";
import { BackLink, Loading, useNames } from "./journey-common";
import { asApiError, SummaryList } from "./licensing-common";

export function StatementView({
  runId,
  providerId,
  back,
}: {
  runId: number;
  providerId: number;
  back: { to: string; label: string };
}) {
  const { names } = useNames();
  const [statement, setStatement] = useState<Statement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [csvError, setCsvError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setStatement(null);
    setError(null);
    getStatement(runId, providerId, controller.signal)
      .then(setStatement)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The statement could not be loaded.").message);
      });
    return () => controller.abort();
  }, [runId, providerId]);

  const csvUrl = statementCsvUrl(runId, providerId);

  async function download(event: Event) {
    event.preventDefault();
    if (downloading) return;
    setDownloading(true);
    setCsvError(null);
    try {
      await downloadCsv(csvUrl, `statement-run-${runId}-provider-${providerId}.csv`);
    } catch (caught) {
      setCsvError(asApiError(caught, "The statement could not be downloaded.").message);
    } finally {
      setDownloading(false);
    }
  }

  const title = statement ? `Statement: ${statement.summary.provider_name}, run ${runId}` : `Statement for run ${runId}`;
  return (
    <>
      <BackLink to={back.to}>{back.label}</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      <ErrorMessage message={error} />
      {!statement && !error && <Loading what="the statement" />}
      {statement && (
        <>
          <section class="panel panel-wide" aria-labelledby="statement-summary-heading">
            <h2 id="statement-summary-heading">Summary</h2>
            <SummaryList
              rows={[
                ["Provider", statement.summary.provider_name],
                ["Run", `Run ${statement.run.id}, due up to ${formatDate(statement.run.as_of)}`],
                ["Run status", runStatusLabel(statement.run.status)],
                ["Lines", String(statement.summary.line_count)],
                ["Earned (gross)", <span class="money statement-gross">{formatPence(statement.summary.gross_pence)}</span>],
                ["Claw-backs", <span class="money">{formatPence(statement.summary.clawback_pence)}</span>],
                ["Receivables recovered", <span class="money">{formatPence(statement.summary.recovered_pence)}</span>],
                [statement.summary.status === "paid" ? "Paid" : "To pay", <strong class="money statement-paid">{formatPence(statement.summary.paid_pence)}</strong>],
                ["Shortfall carried as a debt", <span class="money">{formatPence(statement.summary.shortfall_pence)}</span>],
                ["Payment status", runStatusLabel(statement.summary.status)],
              ]}
            />
            <p>
              <a class="button csv-link" href={csvUrl} download onClick={download} aria-busy={downloading ? "true" : "false"}>
                {downloading ? "Downloading…" : "Download the statement (CSV)"}
              </a>
            </p>
            <ErrorMessage message={csvError} />
          </section>
          <StatementLines lines={statement.lines} names={names} />
        </>
      )}
    </>
  );
}

function StatementLines({ lines, names }: { lines: StatementLine[]; names: Names }) {
  const total = lines.reduce((sum, line) => sum + line.amount_pence, 0);
  return (
    <section class="table-section" aria-labelledby="statement-lines-heading">
      <h2 id="statement-lines-heading">Every line</h2>
      <p class="hint">
        Each line is one payment that fell due: the upfront part at registration, the outcome part when a claim was verified,
        the satisfaction part, or a claw-back. The tariff version and the rule say how the amount was worked out.
      </p>
      <div class="table-wrap" role="region" aria-label="Statement lines" tabIndex={0}>
        <table class="data-table stack-table statement-lines">
          <caption class="visually-hidden">The statement's lines</caption>
          <thead>
            <tr>
              <th scope="col">Due on</th>
              <th scope="col">Kind</th>
              <th scope="col">Customer</th>
              <th scope="col">Outcome</th>
              <th scope="col" class="number">
                Amount
              </th>
              <th scope="col">Tariff version</th>
              <th scope="col">Rule</th>
              <th scope="col">Claim</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id} data-line-id={line.id} data-kind={line.kind}>
                <td data-label="Due on">{formatDate(line.due_on)}</td>
                <td data-label="Kind">{lineKindLabel(line.kind)}</td>
                <td data-label="Customer">{line.citizen_name ?? (line.citizen_id !== null ? `Citizen ${line.citizen_id}` : "—")}</td>
                <td data-label="Outcome">{line.outcome ? names.outcome(line.outcome) : names.endResult(line.end_result)}</td>
                <td data-label="Amount" class="number money" data-pence={line.amount_pence}>
                  {formatPence(line.amount_pence)}
                </td>
                <td data-label="Tariff version">{line.tariff_version ?? "—"}</td>
                <td data-label="Rule">
                  <code>{line.rule}</code>
                </td>
                <td data-label="Claim">{line.claim_id ?? "—"}</td>
              </tr>
            ))}
            {lines.length === 0 && (
              <tr>
                <td colSpan={8} class="empty">
                  No lines in this run.
                </td>
              </tr>
            )}
          </tbody>
          {lines.length > 0 && (
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  Total of the lines
                </th>
                <td class="number money statement-lines-total">{formatPence(total)}</td>
                <td colSpan={3} />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </section>
  );
}
