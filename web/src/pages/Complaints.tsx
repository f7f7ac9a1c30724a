// Complaints (REG-3, CHO-6) after they are filed. One page, three audiences:
//   - a citizen sees their own complaints (#/my-complaints);
//   - a provider sees the complaints about itself and responds to an open one (#/complaints);
//   - the Regulator sees every complaint, filters them (provider, status, category, overdue) and
//     closes one with an outcome and reasons (#/complaints).
// #/complaints/12 (or #/my-complaints/12) is one complaint with its response and outcome.

import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, Me } from "../api";
import { formatDate, formatTime } from "../licensing";
import type { PageProps } from "../nav";
import { href, navigateWithQuery, useQuery } from "../router";
import {
  categoryLabel,
  closeComplaint,
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  complaintStatusLabel,
  getComplaint,
  listComplaints,
  outcomeLabel,
  OUTCOMES,
  respondToComplaint,
  type Complaint,
  type ComplaintQuery,
} from "../regulation";
import { ErrorMessage, PageHeading } from "./common";
import { asApiError, ConfirmStep, describedBy, errorIsFor, FieldError, SummaryList } from "./licensing-common";
import { ComplaintStatusBadge, providerName, useProviderNames } from "./regulation-common";

const FILTERS = ["provider_id", "status", "category", "overdue"] as const;

function basePath(me: Me): string {
  return me.role === "citizen" ? "/my-complaints" : "/complaints";
}

export function ComplaintsPage({ me, rest }: PageProps) {
  if (!me) return null; // citizens, providers and the Regulator (see nav.ts)
  if (rest !== "") return <ComplaintPage idText={rest} me={me} />;
  return <ComplaintListPage me={me} />;
}

// ---- the list ----

function ComplaintListPage({ me }: { me: Me }) {
  const query = useQuery();
  const isRegulator = me.role === "regulator";
  const applied: ComplaintQuery = {};
  for (const key of FILTERS) applied[key] = query.get(key) ?? "";
  if (!isRegulator) {
    applied.provider_id = "";
    applied.category = "";
    applied.overdue = "";
  }
  const appliedKey = FILTERS.map((key) => applied[key]).join("\u0000");
  const [form, setForm] = useState<ComplaintQuery>(applied);
  const [items, setItems] = useState<Complaint[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const names = useProviderNames();
  const path = basePath(me);
  const filtered = FILTERS.some((key) => applied[key]);

  useEffect(() => {
    setForm(applied);
    const controller = new AbortController();
    setItems(null);
    setError(null);
    listComplaints(applied, null, controller.signal)
      .then((page) => {
        setItems(page.items);
        setNextBefore(page.next_before);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The complaints could not be loaded.").message);
        setItems([]);
      });
    return () => controller.abort();
  }, [appliedKey]);

  async function more() {
    if (nextBefore === null || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await listComplaints(applied, nextBefore);
      setItems([...(items ?? []), ...page.items]);
      setNextBefore(page.next_before);
    } catch (caught) {
      setError(asApiError(caught, "More complaints could not be loaded.").message);
    } finally {
      setLoadingMore(false);
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    navigateWithQuery(path, { ...form });
  }

  const set = (key: keyof ComplaintQuery) => (event: Event) =>
    setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });

  const providers = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1], "en-GB"));
  const title = me.role === "citizen" ? "Your complaints" : me.role === "provider" ? "Complaints about you" : "Complaints";
  const lead =
    me.role === "citizen"
      ? "The complaints you have made, the providers' responses and the Regulator's outcomes."
      : me.role === "provider"
        ? "Complaints about your organisation. Respond to each one by its deadline (20 days from filing); the Regulator then decides the outcome."
        : "Every complaint about a provider. Check the provider's response and close each complaint with an outcome and reasons.";

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="lead">{lead}</p>
      {me.role === "citizen" && (
        <p>
          <a class="button button-primary" href={href("/complain")}>
            Make a complaint
          </a>
        </p>
      )}
      <form class="panel panel-wide search-form" role="search" aria-label="Filter the complaints" onSubmit={submit}>
        <div class="form-grid">
          {isRegulator && (
            <div class="field">
              <label for="complaints-provider">Provider</label>
              <select id="complaints-provider" value={form.provider_id ?? ""} onChange={set("provider_id")}>
                <option value="">Any provider</option>
                {form.provider_id && !names.has(Number(form.provider_id)) && (
                  <option value={form.provider_id}>Provider {form.provider_id}</option>
                )}
                {providers.map(([id, name]) => (
                  <option key={id} value={String(id)}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div class="field">
            <label for="complaints-status">Status</label>
            <select id="complaints-status" value={form.status ?? ""} onChange={set("status")}>
              <option value="">Any status</option>
              {COMPLAINT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {complaintStatusLabel(status)}
                </option>
              ))}
            </select>
          </div>
          {isRegulator && (
            <div class="field">
              <label for="complaints-category">Category</label>
              <select id="complaints-category" value={form.category ?? ""} onChange={set("category")}>
                <option value="">Any category</option>
                {COMPLAINT_CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    {categoryLabel(category)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {isRegulator && (
            <div class="field field-check">
              <label class="choice">
                <input
                  type="checkbox"
                  checked={form.overdue === "true"}
                  onChange={(e) => setForm({ ...form, overdue: e.currentTarget.checked ? "true" : "" })}
                />
                Overdue only (no response by the deadline)
              </label>
            </div>
          )}
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary">
            Filter
          </button>
          {filtered && (
            <button type="button" class="button" onClick={() => navigateWithQuery(path, {})}>
              Clear the filters
            </button>
          )}
        </div>
      </form>
      <ErrorMessage message={error} />
      <div class="table-wrap" aria-busy={items === null ? "true" : "false"}>
        <table class="data-table stack-table complaints-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Complaint</th>
              {me.role !== "provider" && <th scope="col">Provider</th>}
              <th scope="col">About</th>
              <th scope="col">Filed</th>
              <th scope="col">Response due</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {(items ?? []).map((item) => (
              <tr key={item.id} data-complaint-id={item.id}>
                <td data-label="Complaint">
                  <a href={href(`${path}/${item.id}`)}>Complaint {item.id}</a>
                </td>
                {me.role !== "provider" && <td data-label="Provider">{providerName(names, item.provider_id)}</td>}
                <td data-label="About">{categoryLabel(item.category)}</td>
                <td data-label="Filed">{formatDate(item.filed_at)}</td>
                <td data-label="Due">{formatDate(item.response_due)}</td>
                <td data-label="Status">
                  <div>
                    <ComplaintStatusBadge status={item.status} overdue={item.overdue} />
                    {item.outcome && <span class="outcome-text"> {outcomeLabel(item.outcome)}</span>}
                  </div>
                </td>
              </tr>
            ))}
            {items === null && (
              <tr>
                <td colSpan={6} class="empty" role="status">
                  Loading…
                </td>
              </tr>
            )}
            {items !== null && items.length === 0 && !error && (
              <tr>
                <td colSpan={6} class="empty">
                  {filtered ? "No complaint matches these filters." : "There are no complaints."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {nextBefore !== null && (
        <p class="pager">
          <button type="button" class="button" onClick={more} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Show more"}
          </button>
        </p>
      )}
    </>
  );
}

// ---- one complaint ----

function ComplaintPage({ idText, me }: { idText: string; me: Me }) {
  const id = /^[1-9][0-9]{0,15}$/.test(idText) ? Number(idText) : null;
  const [complaint, setComplaint] = useState<Complaint | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const names = useProviderNames();
  const path = basePath(me);

  useEffect(() => {
    if (id === null) return undefined;
    const controller = new AbortController();
    setComplaint(null);
    getComplaint(id, controller.signal)
      .then(setComplaint)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = asApiError(caught, "The complaint could not be loaded.");
        setError(apiError.status === 404 ? "There is no complaint with this number that you can see." : apiError.message);
      });
    return () => controller.abort();
  }, [id]);

  const back = (
    <p class="back-link">
      <a href={href(path)}>
        <span aria-hidden="true">← </span>Back to the complaints
      </a>
    </p>
  );

  if (id === null || error) {
    return (
      <>
        {back}
        <PageHeading title="Complaint">Complaint</PageHeading>
        <ErrorMessage message={error ?? "There is no complaint with this number."} />
      </>
    );
  }
  if (!complaint) {
    return (
      <>
        {back}
        <PageHeading title="Complaint">Complaint {id}</PageHeading>
        <p class="loading" role="status">
          Loading…
        </p>
      </>
    );
  }

  function updated(next: Complaint, message: string) {
    setComplaint(next);
    setDone(message);
    window.setTimeout(() => doneRef.current?.focus(), 0);
  }

  const name = providerName(names, complaint.provider_id);
  return (
    <>
      {back}
      <PageHeading title={`Complaint ${complaint.id}`}>Complaint {complaint.id}</PageHeading>
      <p class="lead entry-lead">
        <ComplaintStatusBadge status={complaint.status} overdue={complaint.overdue} />
        {complaint.outcome && <strong class="outcome-text">{outcomeLabel(complaint.outcome)}</strong>}
      </p>
      {done && (
        <p class="message message-success" role="status" tabIndex={-1} ref={doneRef}>
          {done}
        </p>
      )}
      <div class="columns">
        <section class="panel" aria-labelledby="complaint-heading">
          <h2 id="complaint-heading">The complaint</h2>
          <SummaryList
            rows={[
              ["Provider", me.role === "regulator" ? `${name} (provider ${complaint.provider_id})` : name],
              ["About", categoryLabel(complaint.category)],
              ["Made by", complaint.complainant === "citizen" ? "A citizen" : "A member of the public"],
              ...(complaint.contact_email ? ([["Contact email", complaint.contact_email]] as [string, string][]) : []),
              ["Filed", formatTime(complaint.filed_at)],
              [
                "Response due",
                <>
                  {formatDate(complaint.response_due)}
                  {complaint.overdue && <strong class="overdue-text"> (overdue)</strong>}
                </>,
              ],
            ]}
          />
          <blockquote class="history-reasons complaint-text">{complaint.text}</blockquote>
        </section>
        <div>
          <section class="panel" aria-labelledby="response-heading">
            <h2 id="response-heading">The provider's response</h2>
            {complaint.response ? (
              <>
                <blockquote class="history-reasons complaint-response">{complaint.response}</blockquote>
                <p class="finding-meta">Responded {formatTime(complaint.responded_at)}</p>
              </>
            ) : me.role === "provider" && complaint.status === "open" ? (
              <RespondForm complaint={complaint} onDone={updated} />
            ) : (
              <p class="muted">
                {complaint.status === "closed"
                  ? "The complaint was closed before the provider responded."
                  : `No response yet. It is due by ${formatDate(complaint.response_due)}.`}
              </p>
            )}
          </section>
          <section class="panel" aria-labelledby="outcome-heading">
            <h2 id="outcome-heading">The Regulator's outcome</h2>
            {complaint.outcome ? (
              <>
                <p>
                  <strong class="outcome-text">{outcomeLabel(complaint.outcome)}</strong>
                </p>
                {complaint.outcome_reasons && (
                  <blockquote class="history-reasons complaint-outcome">{complaint.outcome_reasons}</blockquote>
                )}
                <p class="finding-meta">Closed {formatTime(complaint.closed_at)}</p>
              </>
            ) : me.role === "regulator" ? (
              <CloseForm complaint={complaint} providerName={name} onDone={updated} />
            ) : (
              <p class="muted">Not decided yet.</p>
            )}
          </section>
        </div>
      </div>
    </>
  );
}

function RespondForm({ complaint, onDone }: { complaint: Complaint; onDone: (c: Complaint, message: string) => void }) {
  const [response, setResponse] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (response.trim() === "") {
      setProblem("Write your response.");
      document.getElementById("complaint-response")?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const next = await respondToComplaint(complaint.id, response.trim());
      onDone(next, "Response sent. The Regulator will now decide the outcome.");
    } catch (caught) {
      setError(asApiError(caught, "The response could not be sent."));
      document.getElementById("complaint-response")?.focus();
    } finally {
      setBusy(false);
    }
  }

  const message = (errorIsFor(error, "response") ? error?.message : null) ?? problem;
  return (
    <form onSubmit={submit} noValidate>
      <ErrorMessage message={error && !errorIsFor(error, "response") ? error.message : null} />
      <div class="field">
        <label for="complaint-response">Your response</label>
        <p id="complaint-response-hint" class="hint">
          What you found and what you have done about it. Due by {formatDate(complaint.response_due)}; you can respond once.
        </p>
        <FieldError id="complaint-response-error" message={message} />
        <textarea
          id="complaint-response"
          rows={5}
          maxLength={5000}
          value={response}
          aria-invalid={message ? "true" : undefined}
          aria-describedby={describedBy("complaint-response-hint", message && "complaint-response-error")}
          onInput={(e) => setResponse(e.currentTarget.value)}
        />
      </div>
      <button type="submit" class="button button-primary" disabled={busy}>
        {busy ? "Sending…" : "Send the response"}
      </button>
    </form>
  );
}

function CloseForm({
  complaint,
  providerName: name,
  onDone,
}: {
  complaint: Complaint;
  providerName: string;
  onDone: (c: Complaint, message: string) => void;
}) {
  const [outcome, setOutcome] = useState("");
  const [reasons, setReasons] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});

  function check(event: Event) {
    event.preventDefault();
    setError(null);
    const found: Record<string, string> = {};
    if (outcome === "") found.outcome = "Choose the outcome.";
    if (reasons.trim() === "") found.reasons = "Give the reasons for the outcome.";
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setConfirming(true);
  }

  async function send() {
    setBusy(true);
    try {
      const next = await closeComplaint(complaint.id, outcome, reasons.trim());
      onDone(next, `Complaint closed: ${outcomeLabel(outcome).toLowerCase()}.`);
    } catch (caught) {
      setError(asApiError(caught, "The complaint could not be closed."));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  const message = (field: string) => (errorIsFor(error, field) ? error?.message ?? null : null) ?? problems[field] ?? null;
  const outcomeMessage = message("outcome");
  const reasonsMessage = message("reasons");
  const general = error && !errorIsFor(error, "outcome") && !errorIsFor(error, "reasons") ? error.message : null;

  return (
    <>
      {complaint.status === "open" && (
        <p class="hint">
          The provider has not responded yet
          {complaint.overdue ? ", and the deadline has passed" : `; the response is due by ${formatDate(complaint.response_due)}`}.
        </p>
      )}
      <ErrorMessage message={general} />
      {confirming ? (
        <ConfirmStep confirmLabel="Close the complaint" busy={busy} onConfirm={send} onCancel={() => setConfirming(false)}>
          <p>
            <strong>
              Close complaint {complaint.id} about {name} as {outcomeLabel(outcome).toLowerCase()}?
            </strong>{" "}
            The outcome and your reasons are final.
          </p>
        </ConfirmStep>
      ) : (
        <form onSubmit={check} noValidate>
          <fieldset
            class="field choice-group"
            aria-invalid={outcomeMessage ? "true" : undefined}
            aria-describedby={describedBy(outcomeMessage && "close-outcome-error")}
          >
            <legend>Outcome</legend>
            <FieldError id="close-outcome-error" message={outcomeMessage} />
            <div class="choices choices-inline">
              {OUTCOMES.map((value) => (
                <label class="choice" key={value}>
                  <input type="radio" name="close-outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
                  {outcomeLabel(value)}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="field">
            <label for="close-reasons">Reasons for the outcome</label>
            <FieldError id="close-reasons-error" message={reasonsMessage} />
            <textarea
              id="close-reasons"
              rows={4}
              maxLength={5000}
              value={reasons}
              aria-invalid={reasonsMessage ? "true" : undefined}
              aria-describedby={describedBy(reasonsMessage && "close-reasons-error")}
              onInput={(e) => setReasons(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="button button-primary">
            Close…
          </button>
        </form>
      )}
    </>
  );
}
