// The budget (PAY-10, docs/payment.md section 9): Government sets an envelope per End Result and
// period; everyone with the page sees each envelope against the spend committed by registrations
// made in the period (expected, from success rates) and what has actually been paid, per End
// Result and per month.

import { useEffect, useRef, useState } from "preact/hooks";
import { formatBasisPoints, formatPence, type Names } from "../journey";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { formatMonth, listBudgets, parsePounds, setBudget, type Budget, type BudgetReply, type Envelope } from "../payments";
import { ErrorMessage, PageHeading } from "./common";
import { Notice, useNames } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";
import { MoneyBars, MoneyColumns, SERIES } from "./PaymentsChart";

const ALL = "";

export function BudgetPage({ me }: PageProps) {
  const { names, catalogue } = useNames();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [reply, setReply] = useState<BudgetReply | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [notice, setNoticeText] = useState<string | null>(null);
  const [monthFilter, setMonthFilter] = useState(ALL);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    listBudgets(from, to, controller.signal)
      .then(setReply)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The budget could not be loaded.").message);
        setReply({ items: [], expected_success_note: "" });
      });
    return () => controller.abort();
  }, [from, to, reload]);

  const items = reply?.items ?? [];
  const endResults = catalogue?.end_results ?? [];
  const isGovernment = me?.role === "government";

  return (
    <>
      <PageHeading title="Budget">Budget</PageHeading>
      <p class="lead">
        The envelope for each End Result and period, against the spend committed by registrations made in the period and what
        has been paid.
      </p>
      <Notice message={notice} />
      {isGovernment && (
        <EnvelopeForm
          endResults={endResults}
          onSaved={(budget) => {
            setNoticeText(
              `Envelope set: ${names.endResult(budget.end_result)}, ${formatDate(budget.period_from)} to ${formatDate(budget.period_to)}, ${formatPence(budget.amount_pence)}.`,
            );
            setReload(reload + 1);
          }}
        />
      )}

      <section class="panel panel-wide" aria-labelledby="budget-filter-heading">
        <h2 id="budget-filter-heading">Periods shown</h2>
        <div class="form-grid">
          <div class="field">
            <label for="budget-from">From</label>
            <input id="budget-from" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="budget-to">To</label>
            <input id="budget-to" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          </div>
        </div>
        <p class="hint">Leave both empty to see every envelope.</p>
      </section>

      <ErrorMessage message={error} />
      {reply && items.length === 0 && !error && <p class="muted budget-empty">No envelope has been set for these periods.</p>}
      {items.length > 0 && (
        <>
          <section class="panel panel-wide" aria-labelledby="budget-chart-heading">
            <h2 id="budget-chart-heading">By End Result</h2>
            {reply?.expected_success_note && <p class="hint expected-success-note">{reply.expected_success_note}</p>}
            <MoneyBars
              label="Envelope, committed and paid per End Result"
              series={[SERIES.envelope, SERIES.committed, SERIES.paid]}
              groups={items.map((b) => ({
                key: String(b.id),
                label: `${names.endResult(b.end_result)}, ${formatDate(b.period_from)} to ${formatDate(b.period_to)}`,
                values: { envelope: b.amount_pence, committed: b.committed_pence, paid: b.paid_pence },
              }))}
            />
          </section>
          <BudgetTable items={items} names={names} />
          <MonthlySection items={items} names={names} filter={monthFilter} onFilter={setMonthFilter} />
        </>
      )}
    </>
  );
}

function share(part: number, whole: number): string {
  if (whole <= 0) return "—";
  // Basis points from integers: no float touches the pence.
  return formatBasisPoints(Math.floor((part * 10000) / whole));
}

function BudgetTable({ items, names }: { items: Budget[]; names: Names }) {
  return (
    <section class="table-section" aria-labelledby="budget-table-heading">
      <h2 id="budget-table-heading">Envelopes</h2>
      <div class="table-wrap" role="region" aria-labelledby="budget-table-heading" tabIndex={0}>
        <table class="data-table stack-table budget-table">
          <caption class="visually-hidden">Each envelope with committed and paid spend</caption>
          <thead>
            <tr>
              <th scope="col">End Result</th>
              <th scope="col">Period</th>
              <th scope="col" class="number">
                Envelope
              </th>
              <th scope="col" class="number">
                Committed
              </th>
              <th scope="col" class="number">
                Paid
              </th>
              <th scope="col" class="number">
                Left after commitments
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.id} data-budget-id={b.id} data-end-result={b.end_result}>
                <th scope="row" data-label="End Result">
                  {names.endResult(b.end_result)}
                </th>
                <td data-label="Period">
                  {formatDate(b.period_from)} to {formatDate(b.period_to)}
                </td>
                <td data-label="Envelope" class="number money" data-pence={b.amount_pence}>
                  {formatPence(b.amount_pence)}
                </td>
                <td data-label="Committed" class="number money" data-pence={b.committed_pence}>
                  {formatPence(b.committed_pence)} <span class="muted">({share(b.committed_pence, b.amount_pence)})</span>
                </td>
                <td data-label="Paid" class="number money" data-pence={b.paid_pence}>
                  {formatPence(b.paid_pence)} <span class="muted">({share(b.paid_pence, b.amount_pence)})</span>
                </td>
                <td data-label="Left after commitments" class="number money">
                  {formatPence(b.amount_pence - b.committed_pence)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function MonthlySection({
  items,
  names,
  filter,
  onFilter,
}: {
  items: Budget[];
  names: Names;
  filter: string;
  onFilter: (id: string) => void;
}) {
  const chosen = filter === ALL ? items : items.filter((b) => String(b.id) === filter);
  const byMonth = new Map<string, { committed: number; paid: number }>();
  for (const budget of chosen) {
    for (const m of budget.months) {
      const key = m.month.slice(0, 7);
      const sums = byMonth.get(key) ?? { committed: 0, paid: 0 };
      sums.committed += m.committed_pence;
      sums.paid += m.paid_pence;
      byMonth.set(key, sums);
    }
  }
  const months = [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b));

  return (
    <section class="panel panel-wide" aria-labelledby="budget-months-heading">
      <h2 id="budget-months-heading">By month</h2>
      <div class="field">
        <label for="budget-month-filter">Envelope</label>
        <select id="budget-month-filter" value={filter} onChange={(e) => onFilter(e.currentTarget.value)}>
          <option value={ALL}>All envelopes together</option>
          {items.map((b) => (
            <option key={b.id} value={String(b.id)}>
              {names.endResult(b.end_result)}, {formatDate(b.period_from)} to {formatDate(b.period_to)}
            </option>
          ))}
        </select>
      </div>
      {months.length === 0 ? (
        <p class="muted">No months in these periods.</p>
      ) : (
        <>
          <MoneyColumns
            label="Committed and paid per month"
            series={[SERIES.committed, SERIES.paid]}
            columns={months.map(([month, sums]) => ({
              key: month,
              label: formatMonth(month),
              values: { committed: sums.committed, paid: sums.paid },
            }))}
          />
          <div class="table-wrap" role="region" aria-label="Committed and paid per month" tabIndex={0}>
            <table class="data-table budget-months">
              <caption class="visually-hidden">Committed and paid per month</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" class="number">
                    Committed
                  </th>
                  <th scope="col" class="number">
                    Paid
                  </th>
                </tr>
              </thead>
              <tbody>
                {months.map(([month, sums]) => (
                  <tr key={month} data-month={month}>
                    <th scope="row">{formatMonth(month)}</th>
                    <td class="number money">{formatPence(sums.committed)}</td>
                    <td class="number money">{formatPence(sums.paid)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

type EnvelopeField = "end_result" | "period_from" | "period_to" | "amount_pence";

function EnvelopeForm({
  endResults,
  onSaved,
}: {
  endResults: { id: string; name: string }[];
  onSaved: (budget: Envelope) => void;
}) {
  const year = new Date().getUTCFullYear();
  const [endResult, setEndResult] = useState("");
  const [periodFrom, setPeriodFrom] = useState(`${year}-01-01`);
  const [periodTo, setPeriodTo] = useState(`${year}-12-31`);
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<{ field: EnvelopeField | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const ids: Record<EnvelopeField, string> = {
    end_result: "budget-end-result",
    period_from: "budget-period-from",
    period_to: "budget-period-to",
    amount_pence: "budget-amount",
  };

  function fail(field: EnvelopeField | null, message: string) {
    setError({ field, message });
    setBusy(false);
    setTimeout(() => document.getElementById(field ? ids[field] : "budget-error")?.focus(), 0);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (endResult === "") return fail("end_result", "Choose the End Result.");
    if (periodFrom === "") return fail("period_from", "Enter the first day of the period.");
    if (periodTo === "") return fail("period_to", "Enter the last day of the period.");
    if (periodTo < periodFrom) return fail("period_to", "The period must end on or after its first day.");
    const pence = parsePounds(amount);
    if (pence === null || pence <= 0) return fail("amount_pence", "Enter the envelope in pounds, for example 2500000 or 2,500,000.00.");
    setBusy(true);
    try {
      const saved = await setBudget({ end_result: endResult, period_from: periodFrom, period_to: periodTo, amount_pence: pence });
      setBusy(false);
      setAmount("");
      onSaved(saved);
    } catch (caught) {
      const apiError = asApiError(caught, "The envelope could not be set. Please try again.");
      const field = apiError.field && apiError.field in ids ? (apiError.field as EnvelopeField) : null;
      fail(field, apiError.message);
    }
  }

  const fieldError = (field: EnvelopeField) => (error?.field === field ? error.message : null);
  const invalid = (field: EnvelopeField) => (error?.field === field ? "true" : undefined);

  return (
    <form ref={formRef} class="panel form-panel envelope-form" onSubmit={submit} noValidate aria-labelledby="envelope-heading">
      <h2 id="envelope-heading">Set an envelope</h2>
      <p class="hint">The most that may be committed to one End Result over a period. Setting it again for the same period replaces it.</p>
      <ErrorMessage id="budget-error" message={error && !error.field ? error.message : null} />
      <div class="form-grid">
        <div class="field">
          <label for={ids.end_result}>End Result</label>
          <select
            id={ids.end_result}
            value={endResult}
            aria-invalid={invalid("end_result")}
            aria-describedby={describedBy(fieldError("end_result") && `${ids.end_result}-error`)}
            onChange={(e) => setEndResult(e.currentTarget.value)}
          >
            <option value="">Choose…</option>
            {endResults.map((er) => (
              <option key={er.id} value={er.id}>
                {er.name}
              </option>
            ))}
          </select>
          <FieldError id={`${ids.end_result}-error`} message={fieldError("end_result")} />
        </div>
        <div class="field">
          <label for={ids.amount_pence}>Envelope (£)</label>
          <input
            id={ids.amount_pence}
            inputMode="decimal"
            autoComplete="off"
            value={amount}
            aria-invalid={invalid("amount_pence")}
            aria-describedby={describedBy(fieldError("amount_pence") && `${ids.amount_pence}-error`)}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
          <FieldError id={`${ids.amount_pence}-error`} message={fieldError("amount_pence")} />
        </div>
        <div class="field">
          <label for={ids.period_from}>Period from</label>
          <input
            id={ids.period_from}
            type="date"
            value={periodFrom}
            aria-invalid={invalid("period_from")}
            aria-describedby={describedBy(fieldError("period_from") && `${ids.period_from}-error`)}
            onInput={(e) => setPeriodFrom(e.currentTarget.value)}
          />
          <FieldError id={`${ids.period_from}-error`} message={fieldError("period_from")} />
        </div>
        <div class="field">
          <label for={ids.period_to}>Period to</label>
          <input
            id={ids.period_to}
            type="date"
            value={periodTo}
            aria-invalid={invalid("period_to")}
            aria-describedby={describedBy(fieldError("period_to") && `${ids.period_to}-error`)}
            onInput={(e) => setPeriodTo(e.currentTarget.value)}
          />
          <FieldError id={`${ids.period_to}-error`} message={fieldError("period_to")} />
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Saving…" : "Set the envelope"}
        </button>
      </div>
    </form>
  );
}
