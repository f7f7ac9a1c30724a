// Outcome claims (PAY-4, PAY-7), the satisfaction survey (PAY-6) and skunkworks (OUT-4, INN-2) as
// the browser sees them. Money is integer pence; fractions and rates are exact decimal strings
// ("0.812500") and are formatted from the string, never through floating arithmetic.

import { request } from "./api";

// ---- claims ----

export type ClaimStatus = "pending" | "verified" | "rejected";

export interface Claim {
  id: number;
  registration_id: number;
  outcome: string;
  provider_id: number;
  citizen_id: number;
  achieved_on: string;
  /** Fraction achieved of a graded outcome, "0".."1"; 1 for a binary outcome. */
  fraction: string | null;
  evidence: string;
  claimed_on: string;
  status: ClaimStatus | string;
  decided_by_user_id: number | null;
  decided_on: string | null;
  reason: string | null;
  verified_by_feed: number | null;
  /** The outcome payment accrued on verification (null until then). */
  payment_pence: number | null;
  /** Why the payment is held (e.g. a skunkworks methodology not yet published). */
  held_reason: string | null;
}

export interface ClaimPage {
  items: Claim[];
  next_before: number | null;
}

export interface NewClaim {
  registration_id: number;
  outcome: string;
  achieved_on: string;
  fraction?: string;
  evidence: string;
}

export interface FeedResult {
  feed_id: number;
  rows: number;
  matched_citizens: number;
  claims_verified: number[];
}

export const CLAIM_PAGE_SIZE = 50;

export function listClaims(status: string, before: number | null, signal?: AbortSignal): Promise<ClaimPage> {
  const query = new URLSearchParams({ limit: String(CLAIM_PAGE_SIZE) });
  if (status !== "") query.set("status", status);
  if (before !== null) query.set("before", String(before));
  return request("GET", `/claims?${query.toString()}`, { signal });
}

export function getClaim(id: number, signal?: AbortSignal): Promise<Claim> {
  return request("GET", `/claims/${id}`, { signal });
}

export function submitClaim(body: NewClaim): Promise<Claim> {
  return request("POST", "/claims", { body });
}

export function verifyClaim(id: number): Promise<Claim> {
  return request("POST", `/claims/${id}/verify`, { body: {} });
}

export function rejectClaim(id: number, reason: string): Promise<Claim> {
  return request("POST", `/claims/${id}/reject`, { body: { reason } });
}

export function importEvidenceFeed(name: string, csv: string): Promise<FeedResult> {
  return request("POST", "/evidence-feeds", { body: { name, csv } });
}

const CLAIM_STATUS_LABELS: Record<string, string> = {
  pending: "Waiting for the Regulator",
  verified: "Verified",
  rejected: "Rejected",
};

export function claimStatusLabel(status: string): string {
  return CLAIM_STATUS_LABELS[status] ?? status.replace(/_/g, " ");
}

/**
 * A fraction typed by a person ("0.75", ".5", "1", "75%") as the exact string the API takes, six
 * decimals at most; null when it is not a number from 0 to 1.
 */
export function parseFraction(text: string): string | null {
  const trimmed = text.trim();
  const percent = /^(\d{1,3})(?:\.(\d{1,4}))?\s*%$/.exec(trimmed);
  if (percent) {
    // 75.5% → 0.755: move the decimal point two places left in the digits themselves.
    const decimals = percent[2] ?? "";
    const digits = percent[1].padStart(3, "0") + decimals;
    const point = digits.length - decimals.length - 2;
    return parseFraction(`${digits.slice(0, point)}.${digits.slice(point)}`);
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(trimmed);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return null;
  const whole = match[1] === "" ? "0" : match[1].replace(/^0+(?=\d)/, "");
  const decimals = (match[2] ?? "").replace(/0+$/, "");
  if (decimals.length > 6) return null;
  if (whole === "0") return decimals === "" ? "0" : `0.${decimals}`;
  if (whole === "1" && decimals === "") return "1";
  return null;
}

/** "0.812500" → "81.25%", from the digits. */
export function formatFractionPercent(fraction: string | number | null): string {
  if (fraction === null) return "—";
  const match = /^(\d+)(?:\.(\d*))?$/.exec(String(fraction).trim());
  if (!match) return String(fraction);
  const decimals = (match[2] ?? "").padEnd(6, "0");
  const wholePercent = Number(match[1]) * 100 + Number(decimals.slice(0, 2));
  const rest = decimals.slice(2).replace(/0+$/, "");
  return rest === "" ? `${wholePercent}%` : `${wholePercent}.${rest}%`;
}

/** "0.812500" → 8125 basis points (truncated past the fourth decimal), for drawing bars. */
export function fractionToBasisPoints(fraction: string | number | null): number | null {
  if (fraction === null) return null;
  const match = /^(\d+)(?:\.(\d*))?$/.exec(String(fraction).trim());
  if (!match) return null;
  return Number(match[1]) * 10000 + Number((match[2] ?? "").padEnd(4, "0").slice(0, 4));
}

// ---- the satisfaction survey ----

export const SURVEY_ANSWERS = [
  "extremely_likely",
  "likely",
  "neither",
  "unlikely",
  "extremely_unlikely",
  "dont_know",
] as const;

export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

export const SURVEY_QUESTION = "How likely are you to recommend this service to a friend?";

const ANSWER_LABELS: Record<string, string> = {
  extremely_likely: "Extremely likely",
  likely: "Likely",
  neither: "Neither likely nor unlikely",
  unlikely: "Unlikely",
  extremely_unlikely: "Extremely unlikely",
  dont_know: "Don't know",
};

export function answerLabel(answer: string): string {
  return ANSWER_LABELS[answer] ?? answer.replace(/_/g, " ");
}

export interface SurveyInvitation {
  id: number;
  registration_id: number;
  provider_id: number;
  provider_name: string;
  end_result: string;
  wave_months: number;
  invited_on: string;
  answer: string | null;
  answered_on: string | null;
}

export function listMySurveys(signal?: AbortSignal): Promise<{ items: SurveyInvitation[] }> {
  return request("GET", "/me/surveys", { signal });
}

export function answerSurvey(id: number, answer: SurveyAnswer): Promise<SurveyInvitation> {
  return request("POST", `/surveys/${id}/answer`, { body: { answer } });
}

export interface RateFigures {
  recommending: number;
  valid: number;
  rate: string | null;
}

export interface ProviderSatisfaction extends RateFigures {
  provider_id: number;
  provider_name: string;
  /** Fewer than the minimum valid answers: paid at the national rate. */
  uses_national: boolean;
}

export interface Satisfaction {
  from: string;
  to: string;
  minimum_answers: number;
  national: RateFigures;
  providers: ProviderSatisfaction[];
}

export function getSatisfaction(from: string, to: string, signal?: AbortSignal): Promise<Satisfaction> {
  const query = new URLSearchParams();
  if (from !== "") query.set("from", from);
  if (to !== "") query.set("to", to);
  const text = query.toString();
  return request("GET", `/satisfaction${text === "" ? "" : `?${text}`}`, { auth: false, signal });
}

// ---- skunkworks ----

export interface SkunkworksVariant {
  variant: string;
  base_outcome: string;
  label: string;
}

export interface Methodology {
  provider_id: number;
  provider_name: string;
  variant: string;
  title: string;
  methodology: string;
  published_on: string;
}

export interface SkunkworksShare {
  provider_id: number;
  provider_name: string;
  placed: number;
  active: number;
  share_basis_points: number;
}

export interface Skunkworks {
  max_percent: number;
  variants: SkunkworksVariant[];
  methodologies: Methodology[];
  providers: SkunkworksShare[];
}

export function getSkunkworks(signal?: AbortSignal): Promise<Skunkworks> {
  return request("GET", "/skunkworks", { auth: false, signal });
}

export function publishMethodology(body: { variant: string; title: string; methodology: string }): Promise<Methodology> {
  return request("POST", "/skunkworks/methodologies", { body });
}

export function moveToSkunkworks(registrationId: number, outcome: string, variant: string): Promise<unknown> {
  return request("POST", `/registrations/${registrationId}/skunkworks`, { body: { outcome, variant } });
}
