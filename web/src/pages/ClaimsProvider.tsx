// A provider's claims (PAY-4, PAY-7): claim an open King Outcome of one of its own customers with
// the date it was reached, the fraction achieved for a graded outcome and the evidence, and follow
// its claims to verification and payment. Never another provider's customers or claims.

import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError } from "../api";
import { listClaims, parseFraction, submitClaim, type Claim, type NewClaim } from "../claims";
import {
  formatPence,
  listCitizens,
  listRegistrations,
  todayIso,
  type Catalogue,
  type Citizen,
  type Names,
  type Registration,
} from "../journey";
import { formatDate } from "../licensing";
import { ErrorMessage, PageHeading } from "./common";
import { ClaimLink, ClaimStatusBadge, isGraded, PaymentText } from "./ClaimCommon";
import { Loading, Notice, useNames } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";

interface ProviderData {
  registrations: Registration[];
  customers: Map<number, string>;
  claims: Claim[];
}

async function allPages<T>(load: (before: number | null) => Promise<{ items: T[]; next_before: number | null }>): Promise<T[]> {
  const items: T[] = [];
  let before: number | null = null;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = await load(before);
    items.push(...page.items);
    if (page.next_before === null) break;
    before = page.next_before;
  }
  return items;
}

async function loadProviderData(signal: AbortSignal): Promise<ProviderData> {
  const [registrations, citizens, claims] = await Promise.all([
    allPages((before) => listRegistrations(before, signal)),
    allPages<Citizen>((before) => listCitizens(before, signal)),
    allPages((before) => listClaims("", before, signal)),
  ]);
  return {
    registrations,
    customers: new Map(citizens.map((c) => [c.id, c.full_name ?? `Citizen ${c.id}`])),
    claims,
  };
}

interface CatalogueRule {
  id: string;
  kind: string;
  window_months?: number;
  sustain_months?: number;
  evidence?: string;
}

function ruleOf(catalogue: Catalogue | null, outcome: string): CatalogueRule | undefined {
  return catalogue?.outcomes.find((o) => o.id === outcome) as CatalogueRule | undefined;
}

export function ProviderClaims() {
  const { names, catalogue } = useNames();
  const [data, setData] = useState<ProviderData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    loadProviderData(controller.signal)
      .then(setData)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "Your claims could not be loaded.").message);
      });
    return () => controller.abort();
  }, [reload]);

  const claimed = (claim: Claim) => {
    setNotice(`Claim ${claim.id} submitted for ${names.outcome(claim.outcome)}: it now waits for the Regulator's verification.`);
    setReload((n) => n + 1);
  };

  return (
    <>
      <PageHeading title="Claims">Claims</PageHeading>
      <p class="lead">
        Claim a King Outcome when one of your customers has reached it and sustained it for as long as the catalogue asks. The
        Regulator verifies the evidence (or a trusted data feed does), and the outcome payment at the price locked on the day of
        registration is then due to you.
      </p>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="your customers and claims" />}
      {data && <ClaimForm data={data} names={names} catalogue={catalogue} onClaimed={claimed} />}
      {data && <ProviderClaimsTable data={data} names={names} />}
    </>
  );
}

// ---- the form ----

interface Option {
  key: string;
  registration: Registration;
  outcome: string;
  price_pence: number;
  waiting: boolean;
}

function openOutcomes(data: ProviderData): Option[] {
  const live = new Set(
    data.claims.filter((c) => c.status === "pending" || c.status === "verified").map((c) => `${c.registration_id}:${c.outcome}`),
  );
  const options: Option[] = [];
  for (const registration of data.registrations) {
    for (const outcome of registration.outcomes) {
      if (outcome.status !== "open") continue;
      const key = `${registration.id}:${outcome.outcome}`;
      options.push({ key, registration, outcome: outcome.outcome, price_pence: outcome.price_pence, waiting: live.has(key) });
    }
  }
  return options;
}

type Field = "outcome" | "achieved_on" | "fraction" | "evidence";

function fieldOf(error: ApiError | null): Field | null {
  const field = error?.field ?? null;
  if (field === "registration_id" || field === "outcome") return "outcome";
  if (field === "achieved_on" || field === "fraction" || field === "evidence") return field;
  return null;
}

function ClaimForm({
  data,
  names,
  catalogue,
  onClaimed,
}: {
  data: ProviderData;
  names: Names;
  catalogue: Catalogue | null;
  onClaimed: (claim: Claim) => void;
}) {
  const options = openOutcomes(data);
  const [choice, setChoice] = useState("");
  const [achievedOn, setAchievedOn] = useState("");
  const [fraction, setFraction] = useState("");
  const [evidence, setEvidence] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<{ field: Field; message: string } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  const chosen = options.find((o) => o.key === choice) ?? null;
  const graded = chosen !== null && isGraded(catalogue, chosen.outcome);
  const rule = chosen ? ruleOf(catalogue, chosen.outcome) : undefined;

  const message = (field: Field): string | null => {
    if (problem?.field === field) return problem.message;
    return fieldOf(error) === field ? (error?.message ?? null) : null;
  };
  const general = error && fieldOf(error) === null ? error.message : null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    let parsedFraction: string | null = null;
    if (!chosen) return setProblem({ field: "outcome", message: "Choose the customer and the outcome." });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(achievedOn)) return setProblem({ field: "achieved_on", message: "Enter the date the outcome was reached." });
    if (graded) {
      parsedFraction = parseFraction(fraction);
      if (parsedFraction === null) {
        return setProblem({ field: "fraction", message: "Enter the fraction achieved, from 0 to 1 (e.g. 0.75), or a percentage." });
      }
    }
    if (evidence.trim() === "") return setProblem({ field: "evidence", message: "Describe the evidence that the outcome was reached." });
    setProblem(null);
    const body: NewClaim = {
      registration_id: chosen.registration.id,
      outcome: chosen.outcome,
      achieved_on: achievedOn,
      evidence: evidence.trim(),
    };
    if (parsedFraction !== null) body.fraction = parsedFraction;
    setBusy(true);
    try {
      const claim = await submitClaim(body);
      setChoice("");
      setAchievedOn("");
      setFraction("");
      setEvidence("");
      onClaimed(claim);
    } catch (caught) {
      setError(asApiError(caught, "The claim could not be submitted."));
      errorRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const customer = (id: number) => data.customers.get(id) ?? `Citizen ${id}`;
  const byRegistration = new Map<number, Option[]>();
  for (const option of options) {
    const list = byRegistration.get(option.registration.id) ?? [];
    list.push(option);
    byRegistration.set(option.registration.id, list);
  }

  return (
    <form id="claim-form" class="panel form-panel panel-wide" onSubmit={submit} noValidate aria-labelledby="claim-form-heading">
      <h2 id="claim-form-heading">Claim an outcome</h2>
      <div ref={errorRef} tabIndex={-1} class="status-holder">
        <ErrorMessage message={general} />
      </div>
      {options.length === 0 ? (
        <p class="muted">None of your customers has an open outcome to claim.</p>
      ) : (
        <>
          <div class="field">
            <label for="claim-outcome">Customer and outcome</label>
            <select
              id="claim-outcome"
              value={choice}
              aria-invalid={message("outcome") ? "true" : undefined}
              aria-describedby={describedBy(message("outcome") && "claim-outcome-error")}
              onChange={(event) => setChoice((event.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">Choose…</option>
              {[...byRegistration.entries()].map(([id, list]) => (
                <optgroup key={id} label={`${customer(list[0].registration.citizen_id)} (registration ${id})`}>
                  {list.map((option) => (
                    <option key={option.key} value={option.key} disabled={option.waiting}>
                      {names.outcome(option.outcome)}, {formatPence(option.price_pence)}
                      {option.waiting ? " (claim already made)" : ""}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <FieldError id="claim-outcome-error" message={message("outcome")} />
          </div>
          {chosen && rule && (
            <div class="message message-info claim-rule">
              <p>
                <strong>{names.outcome(chosen.outcome)}</strong> for {customer(chosen.registration.citizen_id)}, registered on{" "}
                {formatDate(chosen.registration.registered_on)}. Locked price{" "}
                <span class="money">{formatPence(chosen.price_pence)}</span>.
              </p>
              {rule.window_months !== undefined && rule.sustain_months !== undefined && (
                <p>
                  It must be reached within {rule.window_months} months of registration
                  {rule.sustain_months > 0 ? `, and can be claimed once it has lasted ${rule.sustain_months} months` : ""}.
                </p>
              )}
              {rule.evidence && <p class="hint">Evidence: {rule.evidence}</p>}
            </div>
          )}
          <div class="form-grid form-grid-2">
            <div class="field">
              <label for="claim-achieved-on">Date the outcome was reached</label>
              <input
                id="claim-achieved-on"
                type="date"
                class="input-date"
                max={todayIso()}
                min={chosen?.registration.registered_on.slice(0, 10)}
                value={achievedOn}
                aria-invalid={message("achieved_on") ? "true" : undefined}
                aria-describedby={describedBy("claim-achieved-on-hint", message("achieved_on") && "claim-achieved-on-error")}
                onInput={(event) => setAchievedOn((event.currentTarget as HTMLInputElement).value)}
              />
              <p id="claim-achieved-on-hint" class="hint">
                The first day of the outcome, e.g. the first day in work.
              </p>
              <FieldError id="claim-achieved-on-error" message={message("achieved_on")} />
            </div>
            {graded && (
              <div class="field">
                <label for="claim-fraction">Fraction achieved</label>
                <input
                  id="claim-fraction"
                  type="text"
                  inputMode="decimal"
                  class="input-short"
                  placeholder="0.75"
                  value={fraction}
                  aria-invalid={message("fraction") ? "true" : undefined}
                  aria-describedby={describedBy("claim-fraction-hint", message("fraction") && "claim-fraction-error")}
                  onInput={(event) => setFraction((event.currentTarget as HTMLInputElement).value)}
                />
                <p id="claim-fraction-hint" class="hint">
                  This outcome is graded: from 0 to 1 (up to six decimals), or a percentage such as 75%. You are paid that share
                  of the outcome payment.
                </p>
                <FieldError id="claim-fraction-error" message={message("fraction")} />
              </div>
            )}
          </div>
          <div class="field">
            <label for="claim-evidence">Evidence</label>
            <textarea
              id="claim-evidence"
              rows={4}
              maxLength={5000}
              value={evidence}
              aria-invalid={message("evidence") ? "true" : undefined}
              aria-describedby={describedBy("claim-evidence-hint", message("evidence") && "claim-evidence-error")}
              onInput={(event) => setEvidence((event.currentTarget as HTMLTextAreaElement).value)}
            />
            <p id="claim-evidence-hint" class="hint">
              What shows the outcome was reached and sustained: records, references, dates. The Regulator reads this.
            </p>
            <FieldError id="claim-evidence-error" message={message("evidence")} />
          </div>
          <div class="actions">
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? "Submitting…" : "Submit the claim"}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

// ---- the provider's claims ----

function ProviderClaimsTable({ data, names }: { data: ProviderData; names: Names }) {
  const registrations = new Map(data.registrations.map((r) => [r.id, r]));
  const customer = (claim: Claim) => data.customers.get(claim.citizen_id) ?? `Citizen ${claim.citizen_id}`;
  return (
    <section class="table-section" aria-labelledby="my-claims-heading">
      <h2 id="my-claims-heading">Your claims</h2>
      <div class="table-wrap" role="region" aria-label="Your claims" tabIndex={0}>
        <table class="data-table stack-table claims-table">
          <caption class="visually-hidden">Your claims, newest first, with their status and payment</caption>
          <thead>
            <tr>
              <th scope="col">Claim</th>
              <th scope="col">Customer</th>
              <th scope="col">Outcome</th>
              <th scope="col">Reached</th>
              <th scope="col">Claimed</th>
              <th scope="col">Status</th>
              <th scope="col" class="number">
                Payment
              </th>
            </tr>
          </thead>
          <tbody>
            {data.claims.map((claim) => (
              <tr key={claim.id} data-claim-id={claim.id} data-status={claim.status}>
                <td data-label="Claim">
                  <ClaimLink claim={claim} />
                </td>
                <td data-label="Customer">
                  {customer(claim)}
                  {registrations.has(claim.registration_id) ? null : <span class="muted"> (registration {claim.registration_id})</span>}
                </td>
                <td data-label="Outcome">{names.outcome(claim.outcome)}</td>
                <td data-label="Reached">{formatDate(claim.achieved_on)}</td>
                <td data-label="Claimed">{formatDate(claim.claimed_on)}</td>
                <td data-label="Status">
                  <ClaimStatusBadge status={claim.status} />
                  {claim.status === "rejected" && claim.reason && <div class="muted claim-reason">{claim.reason}</div>}
                </td>
                <td data-label="Payment" class="number">
                  <PaymentText claim={claim} />
                </td>
              </tr>
            ))}
            {data.claims.length === 0 && (
              <tr>
                <td colSpan={7} class="empty">
                  You have not made a claim yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
