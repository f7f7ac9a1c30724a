// Paying by results as the browser sees it (docs/payment.md sections 8 and 9): payment runs and
// their release, providers' statements, receivables and the budget.
//
// Money is integer pence throughout and is only formatted from the integer (formatPence in
// journey.ts); amounts typed by people are parsed to pence from the text, never through a float.

import { API_BASE, ApiError, loadSession, request } from "./api";

// ---- shapes ----

export type RunStatus = "prepared" | "releasing" | "released";

export interface Run {
  id: number;
  as_of: string;
  status: RunStatus | string;
  prepared_by_user_id: number | null;
  prepared_at: string;
  released_by_user_id: number | null;
  released_at: string | null;
  line_count: number;
  total_pence: number;
}

/** One provider's summary in a run: what it earned, what was netted and what it is paid. */
export interface ProviderSummary {
  provider_id: number;
  provider_name: string;
  line_count: number;
  gross_pence: number;
  clawback_pence: number;
  receivable_pence: number;
  recovered_pence: number;
  paid_pence: number;
  shortfall_pence: number;
  status: "prepared" | "paid" | string;
}

export interface RunView extends Run {
  providers: ProviderSummary[];
}

export interface RunPage {
  items: Run[];
  next_before: number | null;
}

export type LineKind = "upfront" | "outcome" | "satisfaction" | "clawback" | "adjustment";

export interface StatementLine {
  id: number;
  kind: LineKind | string;
  amount_pence: number;
  due_on: string;
  end_result: string;
  registration_id: number | null;
  citizen_id: number | null;
  citizen_name: string | null;
  outcome: string | null;
  claim_id: number | null;
  tariff_version: number | null;
  rule: string;
  posting_id: number | null;
}

export interface Statement {
  run: Run;
  summary: ProviderSummary;
  lines: StatementLine[];
}

export interface StatementSummary extends ProviderSummary {
  run_id: number;
  as_of: string;
}

export interface Receivable {
  provider_id: number;
  provider_name: string;
  outstanding_pence: number;
  oldest_unrecovered: string | null;
  age_days: number;
}

export interface BudgetMonth {
  month: string;
  committed_pence: number;
  paid_pence: number;
}

export interface Budget {
  id: number;
  end_result: string;
  period_from: string;
  period_to: string;
  amount_pence: number;
  committed_pence: number;
  paid_pence: number;
  months: BudgetMonth[];
}

export interface BudgetReply {
  items: Budget[];
  expected_success_note: string;
}

export interface NewBudget {
  end_result: string;
  period_from: string;
  period_to: string;
  amount_pence: number;
}

// ---- calls ----

export const RUNS_PAGE_SIZE = 25;

export function listRuns(before: number | null, signal?: AbortSignal): Promise<RunPage> {
  const query = new URLSearchParams({ limit: String(RUNS_PAGE_SIZE) });
  if (before !== null) query.set("before", String(before));
  return request("GET", `/payment-runs?${query.toString()}`, { signal });
}

export function prepareRun(asOf: string): Promise<RunView> {
  return request("POST", "/payment-runs", { body: { as_of: asOf } });
}

export function getRun(id: number, signal?: AbortSignal): Promise<RunView> {
  return request("GET", `/payment-runs/${id}`, { signal });
}

export function releaseRun(id: number): Promise<RunView> {
  return request("POST", `/payment-runs/${id}/release`, { body: {} });
}

export function getStatement(runId: number, providerId: number, signal?: AbortSignal): Promise<Statement> {
  return request("GET", `/payment-runs/${runId}/statements/${providerId}`, { signal });
}

/** Where a statement's CSV lives; the link's href, fetched with the session's token. */
export function statementCsvUrl(runId: number, providerId: number): string {
  return `${API_BASE}/payment-runs/${runId}/statements/${providerId}/csv`;
}

export function listProviderStatements(providerId: number, signal?: AbortSignal): Promise<{ items: StatementSummary[] }> {
  return request("GET", `/providers/${providerId}/statements`, { signal });
}

export function listReceivables(signal?: AbortSignal): Promise<{ items: Receivable[] }> {
  return request("GET", "/receivables", { signal });
}

export function listBudgets(from: string, to: string, signal?: AbortSignal): Promise<BudgetReply> {
  const query = new URLSearchParams();
  if (from !== "") query.set("from", from);
  if (to !== "") query.set("to", to);
  const text = query.toString();
  return request("GET", text === "" ? "/budgets" : `/budgets?${text}`, { signal });
}

/** The envelope as stored (the spend figures come with the next list). */
export interface Envelope extends NewBudget {
  id: number;
  set_by_user_id: number | null;
  set_at: string;
}

export function setBudget(body: NewBudget): Promise<Envelope> {
  return request("POST", "/budgets", { body });
}

/**
 * Fetches a CSV with the session's token (a plain link cannot send it) and hands it to the
 * browser as a download named `filename`.
 */
export async function downloadCsv(url: string, filename: string): Promise<void> {
  const session = loadSession();
  const headers: Record<string, string> = { Accept: "text/csv" };
  if (session) headers["Authorization"] = `Bearer ${session.token}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, credentials: "same-origin", cache: "no-store" });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the PSL server. Check your connection and try again.");
  }
  if (!response.ok) {
    let message = `The statement could not be downloaded (HTTP ${response.status}).`;
    try {
      const payload = (await response.json()) as { error?: { message?: string } };
      if (payload.error?.message) message = payload.error.message;
    } catch {
      // Not JSON: keep the plain message.
    }
    throw new ApiError(response.status, `http_${response.status}`, message);
  }
  const blob = new Blob([await response.text()], { type: "text/csv" });
  const objectUrl = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = objectUrl;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Revoked later: the download has to start from the URL first.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
}

// ---- words and numbers ----

export function runStatusLabel(status: string): string {
  switch (status) {
    case "prepared":
      return "Prepared, awaiting release";
    case "releasing":
      return "Releasing";
    case "released":
      return "Released";
    case "paid":
      return "Paid";
    default:
      return status.replace(/_/g, " ");
  }
}

export function lineKindLabel(kind: string): string {
  switch (kind) {
    case "upfront":
      return "Upfront";
    case "outcome":
      return "Outcome";
    case "satisfaction":
      return "Satisfaction";
    case "clawback":
      return "Claw-back";
    case "adjustment":
      return "Adjustment";
    default:
      return kind.replace(/_/g, " ");
  }
}

/**
 * "1,234.56", "£1234.5" or "12" → pence; null when the text is not an amount of money with at
 * most two decimal places. Parsed from the digits so that no float ever rounds a penny.
 */
export function parsePounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, "").replace(/,/g, "");
  const match = /^([0-9]{1,13})(?:\.([0-9]{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const pence = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** "2026-03" or "2026-03-01" → "Mar 2026". */
export function formatMonth(month: string): string {
  const match = /^([0-9]{4})-([0-9]{2})/.exec(month);
  if (!match) return month;
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const index = Number(match[2]) - 1;
  return index >= 0 && index < 12 ? `${names[index]} ${match[1]}` : month;
}
