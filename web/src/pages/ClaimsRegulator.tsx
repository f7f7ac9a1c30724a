// The Regulator's claims (PAY-7): the queue of claims waiting for verification, each verified or
// rejected with a reason, and the import of a trusted evidence feed (employment spells as CSV)
// that verifies the claims it proves. #/claims?status=verified shows the decided ones.

import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError } from "../api";
import { CLAIM_PAGE_SIZE, claimStatusLabel, importEvidenceFeed, listClaims, type Claim, type FeedResult } from "../claims";
import type { Catalogue, Names } from "../journey";
import { navigateWithQuery, useQuery } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { ClaimDecision, ClaimFacts, ClaimLink, ClaimStatusBadge } from "./ClaimCommon";
import { Loading, Notice, useNames } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";
import { providerName, useProviderNames } from "./regulation-common";

const STATUSES = ["pending", "verified", "rejected"] as const;

export function RegulatorClaims() {
  const query = useQuery();
  const status = query.get("status") ?? "pending";
  const { names, catalogue } = useNames();
  const providers = useProviderNames();
  const [items, setItems] = useState<Claim[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setItems(null);
    setError(null);
    listClaims(status === "all" ? "" : status, null, controller.signal)
      .then((page) => {
        setItems(page.items);
        setNextBefore(page.next_before);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The claims could not be loaded.").message);
      });
    return () => controller.abort();
  }, [status, reload]);

  const more = async () => {
    if (nextBefore === null) return;
    setLoadingMore(true);
    try {
      const page = await listClaims(status === "all" ? "" : status, nextBefore);
      setItems((current) => [...(current ?? []), ...page.items]);
      setNextBefore(page.next_before);
    } catch (caught) {
      setError(asApiError(caught, "More claims could not be loaded.").message);
    } finally {
      setLoadingMore(false);
    }
  };

  const decided = (claim: Claim) => {
    setNotice(
      claim.status === "verified"
        ? `Claim ${claim.id} verified: ${names.outcome(claim.outcome)} is achieved and its payment is due.`
        : `Claim ${claim.id} ${claimStatusLabel(claim.status).toLowerCase()}.`,
    );
    setItems((current) =>
      (current ?? []).flatMap((c) => (c.id !== claim.id ? [c] : status === "pending" && claim.status !== "pending" ? [] : [claim])),
    );
  };

  const imported = (result: FeedResult) => {
    setNotice(null);
    if (result.claims_verified.length > 0) setReload((n) => n + 1);
  };

  return (
    <>
      <PageHeading title="Claims">Claims</PageHeading>
      <p class="lead">
        Providers claim the King Outcomes their customers reach. Check each claim's evidence against what the catalogue asks,
        then verify it (the outcome payment falls due) or reject it with a reason (the provider may claim again before the
        deadline).
      </p>
      <Notice message={notice} />
      <form
        class="search-form claims-filter"
        onSubmit={(event) => event.preventDefault()}
        aria-label="Which claims"
      >
        <div class="field field-inline">
          <label for="claims-status">Show</label>
          <select
            id="claims-status"
            value={status}
            onChange={(event) => navigateWithQuery("/claims", { status: (event.currentTarget as HTMLSelectElement).value })}
          >
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === "pending" ? "Waiting for verification" : claimStatusLabel(s)}
              </option>
            ))}
            <option value="all">All claims</option>
          </select>
        </div>
      </form>
      <ErrorMessage message={error} />
      {items === null && !error && <Loading what="the claims" />}
      {items !== null && (
        <section class="claims-queue" aria-labelledby="queue-heading">
          <h2 id="queue-heading">
            {status === "pending" ? "Waiting for verification" : status === "all" ? "All claims" : claimStatusLabel(status)} (
            {items.length}
            {nextBefore !== null ? "+" : ""})
          </h2>
          {items.length === 0 && <p class="muted empty-queue">No claim here.</p>}
          {items.map((claim) => (
            <QueueItem
              key={claim.id}
              claim={claim}
              names={names}
              catalogue={catalogue}
              provider={providerName(providers, claim.provider_id)}
              onDecided={decided}
            />
          ))}
          {nextBefore !== null && (
            <p class="actions">
              <button type="button" class="button" disabled={loadingMore} onClick={() => void more()}>
                {loadingMore ? "Loading…" : `Show ${CLAIM_PAGE_SIZE} more`}
              </button>
            </p>
          )}
        </section>
      )}
      <FeedForm onImported={imported} />
    </>
  );
}

function QueueItem({
  claim,
  names,
  catalogue,
  provider,
  onDecided,
}: {
  claim: Claim;
  names: Names;
  catalogue: Catalogue | null;
  provider: string;
  onDecided: (claim: Claim) => void;
}) {
  return (
    <article class="panel panel-wide claim-card" data-claim-id={claim.id} aria-labelledby={`claim-${claim.id}-heading`}>
      <header class="history-head">
        <h3 id={`claim-${claim.id}-heading`}>
          <ClaimLink claim={claim} />: {names.outcome(claim.outcome)}, {provider}
        </h3>
        <ClaimStatusBadge status={claim.status} />
      </header>
      <ClaimFacts claim={claim} names={names} catalogue={catalogue} provider={provider} />
      <ClaimDecision claim={claim} onDecided={onDecided} />
    </article>
  );
}

// ---- the evidence feed ----

const CSV_HEADER = "citizen,employer,start,end,earnings";

function FeedForm({ onImported }: { onImported: (result: FeedResult) => void }) {
  const [name, setName] = useState("");
  const [csv, setCsv] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<{ field: "name" | "csv"; message: string } | null>(null);
  const [result, setResult] = useState<FeedResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const message = (field: "name" | "csv") =>
    problem?.field === field ? problem.message : error?.field === field || error?.field?.startsWith(`${field}`) ? error.message : null;
  const general = error && error.field !== "name" && !error.field?.startsWith("csv") ? error.message : null;

  const readFile = async (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setCsv(await file.text());
    if (name.trim() === "") setName(file.name.replace(/\.csv$/i, ""));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    if (name.trim() === "") return setProblem({ field: "name", message: "Name the feed (e.g. HMRC RTI, March)." });
    if (csv.trim() === "") return setProblem({ field: "csv", message: "Paste the CSV or choose a file." });
    setProblem(null);
    setBusy(true);
    try {
      const imported = await importEvidenceFeed(name.trim(), csv);
      setResult(imported);
      onImported(imported);
      resultRef.current?.focus();
    } catch (caught) {
      setError(asApiError(caught, "The feed could not be imported."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="feed-form" class="panel form-panel panel-wide" onSubmit={submit} noValidate aria-labelledby="feed-heading">
      <h2 id="feed-heading">Import evidence feed</h2>
      <p class="hint">
        Employment spells from a trusted source (HMRC payroll records), one a line: <code>{CSV_HEADER}</code>. The citizen is a
        National Insurance number or a PSL citizen number; <code>end</code> is empty while still in work; earnings are annual
        pounds (e.g. 23450.00). Pending claims for work outcomes that a spell proves are verified at once.
      </p>
      <ErrorMessage message={general} />
      <div class="field">
        <label for="feed-name">Name of the feed</label>
        <input
          id="feed-name"
          type="text"
          maxLength={200}
          value={name}
          aria-invalid={message("name") ? "true" : undefined}
          aria-describedby={describedBy(message("name") && "feed-name-error")}
          onInput={(event) => setName((event.currentTarget as HTMLInputElement).value)}
        />
        <FieldError id="feed-name-error" message={message("name")} />
      </div>
      <div class="field">
        <label for="feed-file">CSV file (optional)</label>
        <input id="feed-file" type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void readFile(event)} />
      </div>
      <div class="field">
        <label for="feed-csv">CSV</label>
        <textarea
          id="feed-csv"
          rows={8}
          spellcheck={false}
          placeholder={`${CSV_HEADER}\nQQ123456C,Acme Ltd,2024-03-01,,23450.00`}
          value={csv}
          aria-invalid={message("csv") ? "true" : undefined}
          aria-describedby={describedBy(message("csv") && "feed-csv-error")}
          onInput={(event) => setCsv((event.currentTarget as HTMLTextAreaElement).value)}
        />
        <FieldError id="feed-csv-error" message={message("csv")} />
      </div>
      <div class="actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Importing…" : "Import the feed"}
        </button>
      </div>
      <div ref={resultRef} tabIndex={-1} class="status-holder" role="status">
        {result && (
          <div class="message message-success feed-result">
            <p>
              Feed {result.feed_id} imported: {result.rows} {result.rows === 1 ? "row" : "rows"}, {result.matched_citizens}{" "}
              {result.matched_citizens === 1 ? "citizen" : "citizens"} matched,{" "}
              <strong class="feed-verified">
                {result.claims_verified.length} {result.claims_verified.length === 1 ? "claim" : "claims"} verified
              </strong>
              .
            </p>
            {result.claims_verified.length > 0 && (
              <ul class="plain-list">
                {result.claims_verified.map((id) => (
                  <li key={id}>
                    <ClaimLink claim={{ id } as Claim} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
