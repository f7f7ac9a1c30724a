// What providers owe the Regulator (docs/payment.md section 5): licence fees not yet netted and
// shortfalls carried from payment runs, with the age of the oldest unrecovered debt. Debts older
// than 90 days stop a provider opting into claw-back mode, so they are marked.

import { useEffect, useState } from "preact/hooks";
import { formatPence } from "../journey";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { listReceivables, type Receivable } from "../payments";
import { ErrorMessage, PageHeading } from "./common";
import { asApiError } from "./licensing-common";

/** The age past which a receivable counts against the provider's good standing. */
const OVERDUE_DAYS = 90;

export function ReceivablesPage(_props: PageProps) {
  const [items, setItems] = useState<Receivable[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listReceivables(controller.signal)
      .then((reply) => setItems(reply.items))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The receivables could not be loaded.").message);
        setItems([]);
      });
    return () => controller.abort();
  }, []);

  const sorted = [...(items ?? [])].sort((a, b) => b.age_days - a.age_days || b.outstanding_pence - a.outstanding_pence);
  const total = sorted.reduce((sum, r) => sum + r.outstanding_pence, 0);

  return (
    <>
      <PageHeading title="Receivables">Receivables</PageHeading>
      <p class="lead">
        What providers owe: licence fees and shortfalls carried from payment runs. Each run recovers what it can from the
        provider's payments before paying the rest. Oldest debts first; those older than {OVERDUE_DAYS} days are marked.
      </p>
      <ErrorMessage message={error} />
      <div class="table-wrap" role="region" aria-label="Receivables" tabIndex={0} aria-busy={items === null ? "true" : "false"}>
        <table class="data-table stack-table receivables-table">
          <caption class="visually-hidden">Outstanding receivables by provider, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" class="number">
                Outstanding
              </th>
              <th scope="col">Oldest unrecovered since</th>
              <th scope="col" class="number">
                Age
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.provider_id} data-provider-id={r.provider_id}>
                <th scope="row" data-label="Provider">
                  {r.provider_name}
                </th>
                <td data-label="Outstanding" class="number money" data-pence={r.outstanding_pence}>
                  {formatPence(r.outstanding_pence)}
                </td>
                <td data-label="Oldest unrecovered since">{formatDate(r.oldest_unrecovered)}</td>
                <td data-label="Age" class="number">
                  {r.oldest_unrecovered === null ? "—" : `${r.age_days} ${r.age_days === 1 ? "day" : "days"}`}
                  {r.age_days > OVERDUE_DAYS && <span class="status-badge status-suspended receivable-overdue"> Over {OVERDUE_DAYS} days</span>}
                </td>
              </tr>
            ))}
            {items !== null && sorted.length === 0 && !error && (
              <tr>
                <td colSpan={4} class="empty">
                  No provider owes anything.
                </td>
              </tr>
            )}
          </tbody>
          {sorted.length > 0 && (
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td class="number money receivables-total">{formatPence(total)}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </>
  );
}
