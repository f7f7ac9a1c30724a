// The citizen journey (SPEC ENT, ASM, TAR, CHO) as the browser sees it: entry, the single
// assessment, prices with their itemised explanation, the choice of provider and registration.
//
// The shapes follow src/psl/api/journey_routes.cc. Money is integer pence and is only ever
// formatted from the integer (never divided as a float); weights and rates arrive as exact
// strings or integer basis points and are formatted the same way.

import { request } from "./api";

// ---- shapes ----

export interface Person {
  full_name: string;
  date_of_birth: string;
  area_code: string;
  national_insurance?: string;
  email?: string;
}

export interface Citizen {
  id: number;
  full_name: string | null;
  date_of_birth: string | null;
  area_code: string | null;
  national_insurance: string | null;
  email: string | null;
  created_at: string;
}

export interface CitizenPage {
  items: Citizen[];
  next_before: number | null;
}

export interface EntryRecord {
  id: number;
  route: string;
  source: string;
  recorded_by_user_id: number | null;
  notes: string;
  matched_existing: boolean;
  recorded_at: string;
}

export interface QuoteItem {
  kind: string; // core | supplement | geographic_weight | cyclical_weight | rounding
  id: string;
  label: string;
  amount_pence?: number;
  weight?: string;
}

export interface Quote {
  outcome: string;
  base_pence: number;
  geographic_weight: string;
  cyclical_weight: string;
  price_pence: number;
  tariff_version: number;
  items: QuoteItem[];
  end_result?: string;
}

export interface Assessment {
  id: number;
  questionnaire_version: number;
  rules_version: number;
  catalogue_version: number;
  answers: Record<string, string>;
  recommendations: string;
  assessed_by_user_id: number;
  taken_on: string;
  barriers: string[];
  eligible_outcomes: string[];
  eligible_end_results: string[];
  prices: Quote[];
}

export type ChoiceFormat = "free" | "assisted" | "professional";

export interface Choice {
  id: number;
  end_result: string;
  format: ChoiceFormat | string;
  reason: string;
  deadline: string;
  status: string; // open | registered | ...
  shortlist: number[] | null;
  shortlisted_by_user_id: number | null;
  previous_registration_id: number | null;
  assessment_id: number;
}

export interface LockedOutcome {
  outcome: string;
  base_pence: number;
  geographic_weight: string;
  cyclical_weight: string;
  price_pence: number;
  tariff_version: number;
  items: QuoteItem[];
  status: string;
}

export interface Registration {
  id: number;
  citizen_id: number;
  end_result: string;
  provider_id: number;
  provider_name: string;
  format: string;
  basis: string; // citizen | referrer | default | ...
  chosen_by_user_id: number | null;
  registered_on: string;
  catalogue_version: number;
  tariff_version: number;
  area_code: string;
  barriers: string[];
  status: string;
  ended_reason: string | null;
  replaces_registration_id: number | null;
  total_price_pence: number;
  outcomes: LockedOutcome[];
}

export interface RegistrationPage {
  items: Registration[];
  next_before: number | null;
}

export interface CitizenView extends Citizen {
  area_name: string | null;
  area_mode: string | null;
  entries: EntryRecord[];
  assessment: Assessment | null;
  choices: Choice[];
  registrations: Registration[];
}

export interface ProviderOption {
  provider_id: number;
  name: string;
  licensed_on: string;
  on_shortlist: boolean;
  success_rate_basis_points: number | null;
  gap_to_best_national_basis_points: number | null;
  local_success_rate_basis_points: number | null;
  gap_to_best_local_basis_points: number | null;
  satisfaction_rate_basis_points: number | null;
  mystery_shopping_score_percent: number | null;
  mystery_shopping_summary: string | null;
}

export interface Options {
  end_result: string;
  choice: Choice;
  prices: Quote[];
  providers: ProviderOption[];
  default_choice: { provider_id: number; basis: string; pool_size: number } | null;
  similar_customers: string;
  minimum_outcomes: number;
  minimum_answers: number;
}

export interface Question {
  id: string;
  domain: string;
  text: string;
  kind: "choice" | "yes_no" | "number" | string;
  options?: string[];
  minimum?: number;
  maximum?: number;
  required: boolean;
}

export interface AssessmentConfig {
  questionnaire: { version: number; questions: Question[] };
  rules: { version: number; barriers: { barrier: string; name: string }[] };
}

export interface Catalogue {
  version?: number;
  end_results: { id: string; name: string }[];
  outcomes: { id: string; end_result: string; name: string; kind: string }[];
}

export interface EntryResult {
  citizen_id: number;
  entry_id: number;
  matched_existing?: boolean;
}

// ---- calls ----

export function listCitizens(before: number | null, signal?: AbortSignal): Promise<CitizenPage> {
  const query = new URLSearchParams({ limit: "100" });
  if (before !== null) query.set("before", String(before));
  return request("GET", `/citizens?${query.toString()}`, { signal });
}

export function getCitizen(id: number, signal?: AbortSignal): Promise<CitizenView> {
  return request("GET", `/citizens/${id}`, { signal });
}

export function recordEntry(body: { route: string; source: string; notes?: string; person: Person }): Promise<EntryResult> {
  return request("POST", "/entries", { body });
}

export function signUp(body: { username: string; password: string; source: string; person: Person }): Promise<EntryResult> {
  return request("POST", "/citizens/sign-up", { body, auth: false });
}

export function assess(
  citizenId: number,
  answers: Record<string, string>,
  recommendations: string | null,
): Promise<Assessment> {
  const body: { answers: Record<string, string>; recommendations?: string } = { answers };
  if (recommendations !== null && recommendations.trim() !== "") body.recommendations = recommendations.trim();
  return request("POST", `/citizens/${citizenId}/assessments`, { body });
}

export function getOptions(citizenId: number, endResult: string, signal?: AbortSignal): Promise<Options> {
  return request("GET", `/citizens/${citizenId}/options?end_result=${encodeURIComponent(endResult)}`, { signal });
}

export function saveShortlist(citizenId: number, endResult: string, providerIds: number[]): Promise<Options> {
  return request("POST", `/citizens/${citizenId}/shortlist`, {
    body: { end_result: endResult, provider_ids: providerIds },
  });
}

export function register(citizenId: number, endResult: string, providerId: number): Promise<Registration> {
  return request("POST", `/citizens/${citizenId}/registrations`, {
    body: { end_result: endResult, provider_id: providerId },
  });
}

export function registerDefault(citizenId: number, endResult: string): Promise<Registration> {
  return request("POST", `/citizens/${citizenId}/default-registration`, { body: { end_result: endResult } });
}

export function listRegistrations(before: number | null, signal?: AbortSignal): Promise<RegistrationPage> {
  const query = new URLSearchParams({ limit: "100" });
  if (before !== null) query.set("before", String(before));
  return request("GET", `/registrations?${query.toString()}`, { signal });
}

export function quote(body: { outcome: string; barriers: string[]; area: string; date: string }): Promise<Quote> {
  return request("POST", "/quotes", { body, auth: false });
}

let configCache: Promise<AssessmentConfig> | null = null;
export function getAssessmentConfig(): Promise<AssessmentConfig> {
  if (!configCache) {
    configCache = request<AssessmentConfig>("GET", "/assessment/questionnaire", { auth: false });
    configCache.catch(() => {
      configCache = null;
    });
  }
  return configCache;
}

let catalogueCache: Promise<Catalogue> | null = null;
export function getCatalogue(): Promise<Catalogue> {
  if (!catalogueCache) {
    catalogueCache = request<Catalogue>("GET", "/catalogue", { auth: false });
    catalogueCache.catch(() => {
      catalogueCache = null;
    });
  }
  return catalogueCache;
}

// ---- words ----

export const REFERRAL_SOURCES = [
  "jobcentre",
  "gp",
  "social_worker",
  "police",
  "court",
  "probation",
  "street_team",
  "mental_health",
  "health_visitor",
  "school",
] as const;

export const SELF_REFERRAL_SOURCES = ["online", "gp", "councillor_or_mp", "helpline"] as const;

const SOURCE_LABELS: Record<string, string> = {
  social_worker: "Social worker",
  police: "Police",
  court: "Court",
  probation: "Probation",
  street_team: "Street outreach team",
  mental_health: "Mental-health services",
  jobcentre: "JobCentre",
  gp: "GP",
  health_visitor: "Health visitor",
  school: "School",
  online: "Online",
  councillor_or_mp: "Councillor or MP",
  helpline: "Helpline",
  birth: "Birth",
  leaving_education: "Leaving education",
  chronic_illness: "Chronic illness",
  redundancy: "Redundancy",
  sentencing: "Sentencing",
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? humanise(source);
}

const ROUTE_LABELS: Record<string, string> = {
  referral: "Referral",
  self_referral: "Self-referral",
  life_event: "Life event",
};

export function routeLabel(route: string): string {
  return ROUTE_LABELS[route] ?? humanise(route);
}

const FORMAT_LABELS: Record<string, string> = {
  free: "Free choice",
  assisted: "Assisted choice",
  professional: "Professional choice",
};

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? humanise(format);
}

const BASIS_LABELS: Record<string, string> = {
  citizen: "The citizen's choice",
  professional: "The professional's choice",
  auto_request: "The default provider, on request",
  auto_deadline: "The default provider, after the deadline",
};

export function basisLabel(basis: string): string {
  return BASIS_LABELS[basis] ?? humanise(basis);
}

const DOMAIN_LABELS: Record<string, string> = {
  physical_health: "Physical health",
  family_circumstance: "Family circumstance",
  income: "Income",
  wealth: "Wealth",
  social_networks: "Social networks",
  mood_and_wellbeing: "Mood and wellbeing",
  qualifications: "Qualifications",
  lifestyle: "Lifestyle",
  employment_history: "Employment history",
  housing: "Housing",
  offending: "Offending",
  substance_use: "Substance use",
};

export function domainLabel(domain: string): string {
  return DOMAIN_LABELS[domain] ?? humanise(domain);
}

const OPTION_LABELS: Record<string, string> = {
  yes: "Yes",
  no: "No",
  dont_know: "Don't know",
  prefer_not_to_say: "Prefer not to say",
  below_gcse: "Below GCSE",
  gcse_or_equivalent: "GCSE or equivalent",
  a_level_or_equivalent: "A level or equivalent",
  a_lot: "A lot",
  a_little: "A little",
};

export function optionLabel(option: string): string {
  return OPTION_LABELS[option] ?? humanise(option);
}

/** "no_fixed_abode" → "No fixed abode". */
export function humanise(id: string): string {
  const words = id.replace(/_/g, " ").trim();
  return words === "" ? id : words[0].toUpperCase() + words.slice(1);
}

// ---- numbers ----

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 1100000 → "£11,000.00", formatted from the integer (no floating arithmetic on money). */
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) return "—";
  const negative = pence < 0;
  const digits = String(Math.abs(pence)).padStart(3, "0");
  const pounds = digits.slice(0, -2);
  const rest = digits.slice(-2);
  return `${negative ? "-" : ""}£${groupThousands(pounds)}.${rest}`;
}

/** 6250 basis points → "62.5%"; from the integer. */
export function formatBasisPoints(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(Math.abs(basisPoints % 100)).padStart(2, "0").replace(/0+$/, "");
  return fraction === "" ? `${whole}%` : `${whole}.${fraction}%`;
}

/** "1.115670" → "1.11567"; weights are exact decimal strings from the server. */
export function formatWeight(weight: string): string {
  return weight.includes(".") ? weight.replace(/0+$/, "").replace(/\.$/, ".0") : weight;
}

/** Today's date in the UTC calendar, YYYY-MM-DD. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

// ---- names from the catalogue and the rules ----

export interface Names {
  endResult: (id: string) => string;
  outcome: (id: string) => string;
  barrier: (id: string) => string;
}

export function namesFrom(catalogue: Catalogue | null, config: AssessmentConfig | null): Names {
  const endResults = new Map((catalogue?.end_results ?? []).map((e) => [e.id, e.name]));
  const outcomes = new Map((catalogue?.outcomes ?? []).map((o) => [o.id, o.name]));
  const barriers = new Map((config?.rules.barriers ?? []).map((b) => [b.barrier, b.name]));
  return {
    endResult: (id) => endResults.get(id) ?? humanise(id),
    outcome: (id) => outcomes.get(id) ?? humanise(id),
    barrier: (id) => barriers.get(id) ?? humanise(id),
  };
}
