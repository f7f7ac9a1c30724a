// Inspections (REG-2, mystery shopping) and complaints (REG-3, CHO-6) as the browser sees them.
//
// The shapes follow src/psl/api/inspection_routes.cc and complaint_routes.cc. Every error is an
// ApiError carrying the server's {"error":{"code","message","field"}}.

import { request } from "./api";

function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

// ---- inspections ----

export interface Criterion {
  key: string;
  label: string;
  kind: "score" | "flag";
  /** For a flag, the answer that counts against the provider (null for scores). */
  adverse_answer: boolean | null;
}

export interface Rubric {
  version: number;
  criteria: Criterion[];
}

export type Answer = number | boolean;

export interface Inspection {
  id: number;
  provider_id: number;
  visit_date: string;
  inspector_id: number | null;
  rubric_version: number;
  status: "draft" | "published";
  scores: Record<string, Answer>;
  finding: string;
  malpractice: boolean;
  /** "3.8", or null when no score criterion is answered. */
  overall_score: string | null;
  overall_score_tenths: number | null;
  adverse_flags: string[];
  suspension_suggested: boolean;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: number | null;
}

export interface InspectionPage {
  items: Inspection[];
  next_before: number | null;
}

export interface VisitRecord {
  provider_id: number;
  visit_date: string;
  scores: Record<string, Answer>;
  finding: string;
  malpractice: boolean;
}

export const MAX_FINDING_LENGTH = 5000;

export function getRubric(signal?: AbortSignal): Promise<Rubric> {
  return request<Rubric>("GET", "/rubric", { auth: false, signal });
}

export function listInspections(
  status: "draft" | "published" | "",
  before: number | null,
  limit: number,
  signal?: AbortSignal,
): Promise<InspectionPage> {
  return request<InspectionPage>("GET", `/inspections${query({ status, before, limit })}`, { signal });
}

export function getInspection(id: number, signal?: AbortSignal): Promise<Inspection> {
  return request<Inspection>("GET", `/inspections/${id}`, { signal });
}

export function recordVisit(record: VisitRecord): Promise<Inspection> {
  return request<Inspection>("POST", "/inspections", { body: record });
}

export function editDraft(id: number, record: VisitRecord): Promise<Inspection> {
  return request<Inspection>("POST", `/inspections/${id}`, { body: record });
}

export function publishInspection(id: number): Promise<Inspection> {
  return request<Inspection>("POST", `/inspections/${id}/publish`, { body: {} });
}

/** A provider's published findings, newest first (public). */
export function providerFindings(providerId: number, limit: number, signal?: AbortSignal): Promise<InspectionPage> {
  return request<InspectionPage>("GET", `/providers/${providerId}/findings${query({ limit })}`, { auth: false, signal });
}

/** The words for an answer: "4 of 5", "Yes", "No", or "not answered". */
export function answerText(criterion: Criterion, answer: Answer | undefined): string {
  if (answer === undefined) return "not answered";
  if (criterion.kind === "flag") return answer === true ? "Yes" : "No";
  return `${answer} of 5`;
}

/** Whether a flag's answer counts against the provider. */
export function isAdverse(criterion: Criterion, answer: Answer | undefined): boolean {
  return criterion.kind === "flag" && criterion.adverse_answer !== null && answer === criterion.adverse_answer;
}

/** Today as YYYY-MM-DD in the browser's own time zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---- complaints ----

export const COMPLAINT_CATEGORIES = [
  "service_quality",
  "safeguarding",
  "inducements",
  "misleading_marketing",
  "data_protection",
  "other",
] as const;

const CATEGORY_LABELS: Record<string, string> = {
  service_quality: "Quality of service",
  safeguarding: "Safeguarding",
  inducements: "Inducements to choose the provider",
  misleading_marketing: "Misleading marketing",
  data_protection: "Data protection",
  other: "Something else",
};

export const CATEGORY_HINTS: Record<string, string> = {
  inducements: "Gifts, money or favours offered to get you to choose them (not allowed).",
  misleading_marketing: "Advertising that breaks the Regulator's marketing guidelines.",
};

export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category;
}

export const COMPLAINT_STATUSES = ["open", "responded", "closed"] as const;

const COMPLAINT_STATUS_LABELS: Record<string, string> = {
  open: "Awaiting response",
  responded: "Responded",
  closed: "Closed",
};

export function complaintStatusLabel(status: string): string {
  return COMPLAINT_STATUS_LABELS[status] ?? status;
}

export const OUTCOMES = ["upheld", "partly_upheld", "not_upheld", "withdrawn"] as const;

const OUTCOME_LABELS: Record<string, string> = {
  upheld: "Upheld",
  partly_upheld: "Partly upheld",
  not_upheld: "Not upheld",
  withdrawn: "Withdrawn",
};

export function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome] ?? outcome;
}

export const MAX_COMPLAINT_LENGTH = 5000;

export interface Complaint {
  id: number;
  provider_id: number;
  category: string;
  text: string;
  complainant: string;
  citizen_id: number | null;
  filed_by_user_id: number | null;
  contact_email: string | null;
  filed_at: string;
  response_due: string;
  status: "open" | "responded" | "closed";
  overdue: boolean;
  response: string | null;
  responded_at: string | null;
  responded_by_user_id: number | null;
  outcome: string | null;
  outcome_reasons: string | null;
  closed_at: string | null;
  closed_by_user_id: number | null;
}

export interface ComplaintPage {
  items: Complaint[];
  next_before: number | null;
}

export interface ComplaintFiling {
  provider_id: number;
  category: string;
  text: string;
  contact_email?: string;
}

export interface ComplaintQuery {
  provider_id?: string;
  status?: string;
  category?: string;
  overdue?: string;
}

export const COMPLAINTS_PAGE_SIZE = 25;

/** Files a complaint; without a session it is the public's (auth is not sent). */
export function fileComplaint(filing: ComplaintFiling, loggedIn: boolean): Promise<Complaint> {
  return request<Complaint>("POST", "/complaints", { body: filing, auth: loggedIn });
}

export function listComplaints(filters: ComplaintQuery, before: number | null, signal?: AbortSignal): Promise<ComplaintPage> {
  return request<ComplaintPage>("GET", `/complaints${query({ ...filters, before, limit: COMPLAINTS_PAGE_SIZE })}`, { signal });
}

export function getComplaint(id: number, signal?: AbortSignal): Promise<Complaint> {
  return request<Complaint>("GET", `/complaints/${id}`, { signal });
}

export function respondToComplaint(id: number, response: string): Promise<Complaint> {
  return request<Complaint>("POST", `/complaints/${id}/response`, { body: { response } });
}

export function closeComplaint(id: number, outcome: string, reasons: string): Promise<Complaint> {
  return request<Complaint>("POST", `/complaints/${id}/closure`, { body: { outcome, reasons } });
}

// ---- providers by name (from the public register) ----

export interface ProviderMatch {
  provider_id: number;
  provider_name: string;
}

export interface RegisterItem {
  kind: string;
  id: number;
  provider_id: number;
  provider_name: string;
  status: string;
}

/**
 * Providers on the public register whose name matches the text, each once: the register's own
 * search (words starting with what was typed) together with every provider whose name contains
 * the text, from the whole register fetched once (so "pathways" finds "Northern Pathways").
 */
export async function findProviders(name: string, signal?: AbortSignal): Promise<ProviderMatch[]> {
  const seen = new Map<number, ProviderMatch>();
  const wanted = name.trim().toLocaleLowerCase("en-GB");
  const [page, all] = await Promise.all([
    request<{ items: RegisterItem[] }>("GET", `/register${query({ name, limit: 50 })}`, { auth: false, signal }),
    providerNames().catch(() => new Map<number, string>()),
  ]);
  for (const item of page.items) {
    if (!seen.has(item.provider_id)) seen.set(item.provider_id, { provider_id: item.provider_id, provider_name: item.provider_name });
  }
  for (const [id, providerName] of all) {
    if (!seen.has(id) && providerName.toLocaleLowerCase("en-GB").includes(wanted)) {
      seen.set(id, { provider_id: id, provider_name: providerName });
    }
  }
  return [...seen.values()].sort((a, b) => a.provider_name.localeCompare(b.provider_name, "en-GB"));
}

let registerCache: Promise<RegisterItem[]> | null = null;

/** Every licence on the public register; fetched once per page load (refresh = true again). */
export function wholeRegister(refresh = false): Promise<RegisterItem[]> {
  if (!registerCache || refresh) {
    registerCache = (async () => {
      const all: RegisterItem[] = [];
      let after: number | null = null;
      for (let guard = 0; guard < 10; guard += 1) {
        const page: { items: RegisterItem[]; next_after: number | null } = await request(
          "GET",
          `/register${query({ after, limit: 500 })}`,
          { auth: false },
        );
        all.push(...page.items);
        if (page.next_after === null) break;
        after = page.next_after;
      }
      return all;
    })();
    registerCache.catch(() => {
      registerCache = null;
    });
  }
  return registerCache;
}

/** Every provider on the public register by id. */
export async function providerNames(refresh = false): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const item of await wholeRegister(refresh)) names.set(item.provider_id, item.provider_name);
  return names;
}
