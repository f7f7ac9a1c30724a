// Licensing (SPEC LIC-1..8, REG-1, X-5) as the browser sees it: the public register, organisations
// registering, applications against the checklist, and the Regulator's casework.
//
// The shapes follow src/psl/api/licensing_routes.cc. Every error is an ApiError carrying the
// server's {"error":{"code","message","field"}}.

import { request } from "./api";

// ---- words the interface uses ----

export const LICENCE_STATUSES = ["applied", "under_review", "granted", "refused", "suspended", "revoked"] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

/** The statuses the public register lists (LIC-8); applications in progress are not public. */
export const REGISTER_STATUSES = ["granted", "suspended", "revoked", "refused"] as const;

const STATUS_LABELS: Record<string, string> = {
  applied: "Applied",
  under_review: "Under review",
  granted: "Granted",
  refused: "Refused",
  suspended: "Suspended",
  revoked: "Revoked",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

export const LICENCE_KINDS = ["general", "clinical_governance", "child_safeguarding"] as const;

const KIND_LABELS: Record<string, string> = {
  general: "General licence",
  clinical_governance: "Clinical governance (top-up)",
  child_safeguarding: "Child safeguarding (top-up)",
};

export const KIND_HINTS: Record<string, string> = {
  general: "Covers every End Result and King Outcome.",
  clinical_governance: "A top-up for mental-health outcomes; needs a granted general licence.",
  child_safeguarding: "A top-up for Fair start outcomes; needs a granted general licence.",
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

export const SECTORS = [
  "employment",
  "skills",
  "addiction",
  "rehabilitation",
  "mental_health",
  "early_years",
  "housing",
  "health",
] as const;

const SECTOR_LABELS: Record<string, string> = {
  employment: "Employment",
  skills: "Skills",
  addiction: "Addiction",
  rehabilitation: "Rehabilitation",
  mental_health: "Mental health",
  early_years: "Early years",
  housing: "Housing",
  health: "Health",
};

export function sectorLabel(sector: string): string {
  return SECTOR_LABELS[sector] ?? sector;
}

export const LEGAL_FORMS = ["company", "charity", "mutual", "public_body", "sole_trader", "other"] as const;

const LEGAL_FORM_LABELS: Record<string, string> = {
  company: "Company",
  charity: "Charity",
  mutual: "Mutual",
  public_body: "Public body",
  sole_trader: "Sole trader",
  other: "Other",
};

export function legalFormLabel(form: string): string {
  return LEGAL_FORM_LABELS[form] ?? form;
}

export const SIZES = ["micro", "small", "medium", "large"] as const;

const SIZE_LABELS: Record<string, string> = {
  micro: "Micro (fewer than 10 staff)",
  small: "Small (10 to 49 staff)",
  medium: "Medium (50 to 249 staff)",
  large: "Large (250 staff or more)",
};

export function sizeLabel(size: string): string {
  return SIZE_LABELS[size] ?? size;
}

export const GROUNDS = ["underperformance", "poor_customer_experience", "malpractice"] as const;

const GROUND_LABELS: Record<string, string> = {
  underperformance: "Sustained underperformance on outcomes",
  poor_customer_experience: "Poor customer experience",
  malpractice: "Malpractice found by inspection",
};

export function groundsLabel(grounds: string): string {
  return GROUND_LABELS[grounds] ?? grounds;
}

const SECTION_LABELS: Record<string, string> = {
  managerial: "Managerial competency",
  operational: "Operational competency",
  financial: "Financial competency",
};

export function sectionLabel(section: string): string {
  return SECTION_LABELS[section] ?? section;
}

/** The application fee (LIC-3), in pence. The server charges it; this is what the form says. */
export const APPLICATION_FEE_PENCE = 25000;

export function formatPounds(pence: number): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 0 }).format(
    pence / 100,
  );
}

const DATE_FORMAT = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const TIME_FORMAT = new Intl.DateTimeFormat("en-GB", {
  timeZone: "UTC",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** A date (2026-11-23) or a timestamp, for people. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? value : DATE_FORMAT.format(time);
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return "—";
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : `${TIME_FORMAT.format(time)} UTC`;
}

// ---- shapes ----

export interface LicenceSummary {
  id: number;
  provider_id: number;
  provider_name: string;
  kind: string;
  status: string;
  scope_restriction: string | null;
  applied_at: string;
  granted_on: string | null;
}

export interface LicencePage {
  items: LicenceSummary[];
  next_after: number | null;
}

export interface ItemAssessment {
  item: string;
  passed: boolean;
  reason: string;
}

export interface Decision {
  from: string;
  to: string;
  decided_by: string;
  proposed_by: string | null;
  grounds: string | null;
  reasons: string;
  at: string;
  assessment?: ItemAssessment[];
}

export interface OpenProposal {
  action: string;
  grounds: string;
  reasons: string;
  proposed_by: string;
  proposed_at: string;
}

/** A licence as its provider and the Regulator see it. */
export interface LicenceView extends LicenceSummary {
  decisions: Decision[];
  checklist_version: number;
  evidence: Record<string, string>;
  assessment: ItemAssessment[];
  fee_posting_id: number | null;
  open_proposal: OpenProposal | null;
}

export interface RegisterProvider {
  name: string;
  legal_form: string;
  size: string;
  sectors: string[];
  areas: string[];
}

/** A licence on the public register: no evidence, no open proposal. */
export interface RegisterEntry extends LicenceSummary {
  decisions: Decision[];
  provider?: RegisterProvider;
}

export interface ChecklistItem {
  id: string;
  section: string;
  question: string;
  kind: "text" | "yes" | "no" | "decimal_at_least";
  threshold: string | null;
}

export interface Checklist {
  version: number;
  items: ChecklistItem[];
}

export interface Area {
  code: string;
  name: string;
  region: string;
  imd_average_score: string;
  mode: string;
}

export interface OrganisationRequest {
  name: string;
  legal_form: string;
  size: string;
  sectors: string[];
  areas: string[];
  username: string;
  password: string;
}

export interface OrganisationCreated {
  provider_id: number;
  user_id: number;
  username: string;
}

// ---- calls: public ----

export interface RegisterQuery {
  name?: string;
  status?: string;
  kind?: string;
  sector?: string;
  area?: string;
}

export const REGISTER_PAGE_SIZE = 25;

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

export function searchRegister(filters: RegisterQuery, after: number | null, signal?: AbortSignal): Promise<LicencePage> {
  return request<LicencePage>("GET", `/register${query({ ...filters, after, limit: REGISTER_PAGE_SIZE })}`, {
    auth: false,
    signal,
  });
}

export function getRegisterEntry(id: number, signal?: AbortSignal): Promise<RegisterEntry> {
  return request<RegisterEntry>("GET", `/register/${id}`, { auth: false, signal });
}

export function getChecklist(signal?: AbortSignal): Promise<Checklist> {
  return request<Checklist>("GET", "/checklist", { auth: false, signal });
}

let areasCache: Promise<Area[]> | null = null;

/** Every district (about 300), sorted by name; fetched once per page load. */
export function getAllAreas(): Promise<Area[]> {
  if (!areasCache) {
    areasCache = (async () => {
      const all: Area[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard += 1) {
        const page: { items: Area[]; next_after: string | null } = await request("GET", `/areas${query({ after, limit: 500 })}`, {
          auth: false,
        });
        all.push(...page.items);
        if (page.next_after === null) break;
        after = page.next_after;
      }
      return all.sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
    })();
    areasCache.catch(() => {
      areasCache = null;
    });
  }
  return areasCache;
}

export function registerOrganisation(body: OrganisationRequest): Promise<OrganisationCreated> {
  return request<OrganisationCreated>("POST", "/organisations", { body, auth: false });
}

// ---- calls: provider and regulator ----

export const CASEWORK_PAGE_SIZE = 25;

export interface LicenceQuery {
  status?: string;
  kind?: string;
  name?: string;
}

export function listLicences(filters: LicenceQuery, after: number | null, limit: number, signal?: AbortSignal): Promise<LicencePage> {
  return request<LicencePage>("GET", `/licences${query({ ...filters, after, limit })}`, { signal });
}

export function getLicence(id: number, signal?: AbortSignal): Promise<LicenceView> {
  return request<LicenceView>("GET", `/licences/${id}`, { signal });
}

export function applyForLicence(kind: string, evidence: Record<string, string>): Promise<LicenceView> {
  return request<LicenceView>("POST", "/licences", { body: { kind, evidence } });
}

export function startReview(id: number): Promise<LicenceView> {
  return request<LicenceView>("POST", `/licences/${id}/review`, { body: {} });
}

export function decide(
  id: number,
  decision: "grant" | "refuse",
  reasons: string,
  scopeRestriction: string | null,
): Promise<LicenceView> {
  const body: Record<string, unknown> = { decision, reasons };
  if (scopeRestriction) body.scope_restriction = scopeRestriction;
  return request<LicenceView>("POST", `/licences/${id}/decision`, { body });
}

export function propose(id: number, action: "suspend" | "revoke", grounds: string, reasons: string): Promise<LicenceView> {
  return request<LicenceView>("POST", `/licences/${id}/proposal`, { body: { action, grounds, reasons } });
}

export function confirmProposal(id: number): Promise<LicenceView> {
  return request<LicenceView>("POST", `/licences/${id}/proposal/confirmation`, { body: {} });
}

export function withdrawProposal(id: number): Promise<LicenceView> {
  return request<LicenceView>("POST", `/licences/${id}/proposal/withdrawal`, { body: {} });
}

export function reinstate(id: number, reasons: string): Promise<LicenceView> {
  return request<LicenceView>("POST", `/licences/${id}/reinstatement`, { body: { reasons } });
}

export function setScope(id: number, scopeRestriction: string | null, reasons: string): Promise<LicenceView> {
  return request<LicenceView>("POST", `/licences/${id}/scope`, {
    body: { scope_restriction: scopeRestriction, reasons },
  });
}
