// Pieces shared by the claim pages: the status badge, one claim's facts, and the Regulator's
// verify / reject step (used in the queue and on a claim's own page).

import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import type { ApiError } from "../api";
import { claimStatusLabel, formatFractionPercent, rejectClaim, verifyClaim, type Claim } from "../claims";
import { formatPence, type Catalogue, type Names } from "../journey";
import { formatDate } from "../licensing";
import { href } from "../router";
import { ErrorMessage } from "./common";
import { asApiError, describedBy, FieldError, SummaryList } from "./licensing-common";

export function ClaimStatusBadge({ status }: { status: string }) {
  return <span class={`status-badge claim-status claim-${status}`}>{claimStatusLabel(status)}</span>;
}

/** Whether the catalogue grades this outcome (a fraction achieved rather than yes or no). */
export function isGraded(catalogue: Catalogue | null, outcome: string): boolean {
  const entry = catalogue?.outcomes.find((o) => o.id === outcome);
  return entry?.kind === "graded";
}

/** What the claim is paid, or why not yet. */
export function PaymentText({ claim }: { claim: Claim }) {
  if (claim.status === "rejected") return <span class="muted">Not paid</span>;
  if (claim.payment_pence === null || claim.payment_pence === undefined) {
    return <span class="muted">{claim.status === "pending" ? "On verification" : "—"}</span>;
  }
  return (
    <>
      <span class="money claim-payment">{formatPence(claim.payment_pence)}</span>
      {claim.held_reason && <span class="muted claim-held"> (held: {claim.held_reason.replace(/_/g, " ")})</span>}
    </>
  );
}

/** Everything about one claim, as a summary list. */
export function ClaimFacts({
  claim,
  names,
  catalogue,
  provider,
  customer,
}: {
  claim: Claim;
  names: Names;
  catalogue: Catalogue | null;
  provider?: string;
  customer?: string;
}) {
  const rows: [string, ComponentChildren][] = [
    ["Claim", `Claim ${claim.id}`],
    ["Outcome", names.outcome(claim.outcome)],
    ["Customer", customer ?? `Citizen ${claim.citizen_id}`],
    ["Registration", String(claim.registration_id)],
  ];
  if (provider !== undefined) rows.push(["Provider", provider]);
  rows.push(["Achieved on", formatDate(claim.achieved_on)]);
  if (isGraded(catalogue, claim.outcome) || (claim.fraction !== null && claim.fraction !== "1" && !/^1\.0*$/.test(String(claim.fraction)))) {
    rows.push(["Fraction achieved", formatFractionPercent(claim.fraction)]);
  }
  rows.push(
    ["Claimed on", formatDate(claim.claimed_on)],
    ["Status", <ClaimStatusBadge status={claim.status} />],
  );
  if (claim.decided_on) rows.push(["Decided on", formatDate(claim.decided_on)]);
  if (claim.verified_by_feed !== null && claim.verified_by_feed !== undefined) {
    rows.push(["Verified by", `Evidence feed ${claim.verified_by_feed}`]);
  }
  if (claim.reason) rows.push(["Reason", claim.reason]);
  rows.push(["Payment", <PaymentText claim={claim} />]);
  const evidenceRule = catalogue?.outcomes.find((o) => o.id === claim.outcome) as { evidence?: string } | undefined;
  return (
    <>
      <SummaryList rows={rows} />
      <h3>Evidence given by the provider</h3>
      <blockquote class="reasons-text claim-evidence">{claim.evidence}</blockquote>
      {evidenceRule?.evidence && (
        <details class="disclosure">
          <summary>What the catalogue asks as evidence</summary>
          <p class="hint">{evidenceRule.evidence}</p>
        </details>
      )}
    </>
  );
}

/**
 * The Regulator's decision on a pending claim: verify at once, or reject with a reason (the form
 * opens first). `onDecided` receives the claim as the server now has it.
 */
export function ClaimDecision({ claim, onDecided }: { claim: Claim; onDecided: (claim: Claim) => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const reasonId = `claim-${claim.id}-reason`;

  if (claim.status !== "pending") return null;

  const run = async (action: () => Promise<Claim>) => {
    setBusy(true);
    setError(null);
    try {
      onDecided(await action());
    } catch (caught) {
      setError(asApiError(caught, "The decision could not be recorded."));
    } finally {
      setBusy(false);
    }
  };

  const reject = (event: Event) => {
    event.preventDefault();
    if (reason.trim() === "") {
      setProblem("Give the reason for rejecting the claim.");
      return;
    }
    setProblem(null);
    void run(() => rejectClaim(claim.id, reason.trim()));
  };

  const reasonMessage = problem ?? (error?.field === "reason" ? error.message : null);
  return (
    <div class="claim-decision">
      <ErrorMessage message={error && error.field !== "reason" ? error.message : null} />
      {!rejecting ? (
        <div class="actions">
          <button type="button" class="button button-primary" disabled={busy} onClick={() => void run(() => verifyClaim(claim.id))}>
            {busy ? "Working…" : "Verify"}
            <span class="visually-hidden"> claim {claim.id}</span>
          </button>
          <button type="button" class="button" disabled={busy} onClick={() => setRejecting(true)}>
            Reject…<span class="visually-hidden"> claim {claim.id}</span>
          </button>
        </div>
      ) : (
        <form class="reject-form" onSubmit={reject} noValidate>
          <div class="field">
            <label for={reasonId}>Reason for rejecting claim {claim.id}</label>
            <textarea
              id={reasonId}
              rows={3}
              maxLength={2000}
              value={reason}
              aria-invalid={reasonMessage ? "true" : undefined}
              aria-describedby={describedBy(reasonMessage && `${reasonId}-error`)}
              onInput={(event) => setReason((event.currentTarget as HTMLTextAreaElement).value)}
            />
            <FieldError id={`${reasonId}-error`} message={reasonMessage} />
          </div>
          <div class="actions">
            <button type="submit" class="button button-danger" disabled={busy}>
              {busy ? "Working…" : "Reject the claim"}
            </button>
            <button type="button" class="button" disabled={busy} onClick={() => setRejecting(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export function ClaimLink({ claim }: { claim: Claim }) {
  return <a href={href(`/claims/${claim.id}`)}>Claim {claim.id}</a>;
}
