// Mystery shopping (REG-2). An inspector records covert visits against the Regulator's rubric as
// drafts and edits their own drafts; the Regulator reads every draft and published finding and
// publishes a complete draft (with a confirmation step). A published finding of malpractice
// suggests suspension: the Regulator's view links to the provider's licences in the casework.
//
// #/inspections        the list (and, for an inspector, "Record a visit")
// #/inspections/new    the visit form (inspector)
// #/inspections/12     one inspection: the inspector's edit form, or the Regulator's view

import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError, Me } from "../api";
import { formatDate, formatTime, kindLabel, statusLabel } from "../licensing";
import type { PageProps } from "../nav";
import { href, navigate, navigateWithQuery, useQuery } from "../router";
import {
  editDraft,
  getInspection,
  getRubric,
  listInspections,
  MAX_FINDING_LENGTH,
  publishInspection,
  recordVisit,
  today,
  type Answer,
  type Criterion,
  type Inspection,
  type ProviderMatch,
  type RegisterItem,
  type Rubric,
  wholeRegister,
} from "../regulation";
import { ErrorMessage, PageHeading } from "./common";
import { asApiError, ConfirmStep, describedBy, errorIsFor, FieldError, StatusBadge, SummaryList } from "./licensing-common";
import {
  FindingCard,
  InspectionStatusBadge,
  ProviderPicker,
  providerName,
  useProviderNames,
} from "./regulation-common";

const PAGE_SIZE = 50;

/** A message to show once on the next page (after saving or publishing). */
let flash: string | null = null;

export function InspectionsPage({ me, rest }: PageProps) {
  if (!me) return null; // inspectors and regulators only (see nav.ts)
  if (rest === "new") {
    return me.role === "inspector" ? <VisitFormPage existing={null} /> : <NotForRole />;
  }
  if (rest !== "") return <InspectionPage idText={rest} me={me} />;
  return <InspectionListPage me={me} />;
}

function NotForRole() {
  return (
    <>
      <PageHeading title="Inspections">Inspections</PageHeading>
      <p>Only inspectors record visits.</p>
    </>
  );
}

function useRubric(): { rubric: Rubric | null; error: string | null } {
  const [rubric, setRubric] = useState<Rubric | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getRubric(controller.signal)
      .then(setRubric)
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setError(asApiError(caught, "The rubric could not be loaded.").message);
      });
    return () => controller.abort();
  }, []);
  return { rubric, error };
}

function Flash() {
  const [message] = useState(() => {
    const text = flash;
    flash = null;
    return text;
  });
  if (!message) return null;
  return (
    <p class="message message-success" role="status">
      {message}
    </p>
  );
}

// ---- the list ----

function InspectionListPage({ me }: { me: Me }) {
  const query = useQuery();
  const status = (query.get("status") ?? (me.role === "regulator" ? "draft" : "")) as "draft" | "published" | "all" | "";
  const wanted = status === "all" ? "" : status;
  const [items, setItems] = useState<Inspection[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const names = useProviderNames();
  const isInspector = me.role === "inspector";

  useEffect(() => {
    const controller = new AbortController();
    setItems(null);
    setError(null);
    listInspections(wanted, null, PAGE_SIZE, controller.signal)
      .then((page) => {
        setItems(page.items);
        setNextBefore(page.next_before);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The inspections could not be loaded.").message);
        setItems([]);
      });
    return () => controller.abort();
  }, [wanted]);

  async function more() {
    if (nextBefore === null || loadingMore) return;
    setLoadingMore(true);
    try {
      const page = await listInspections(wanted, nextBefore, PAGE_SIZE);
      setItems([...(items ?? []), ...page.items]);
      setNextBefore(page.next_before);
    } catch (caught) {
      setError(asApiError(caught, "More inspections could not be loaded.").message);
    } finally {
      setLoadingMore(false);
    }
  }

  const drafts = (items ?? []).filter((item) => item.status === "draft");
  const published = (items ?? []).filter((item) => item.status === "published");

  return (
    <>
      <PageHeading title="Inspections">Inspections</PageHeading>
      <p class="lead">
        {isInspector
          ? "Record your mystery-shopping visits against the Regulator's rubric. A visit stays a draft, which you can edit, until the Regulator publishes it."
          : "Mystery-shopping visits recorded by inspectors. Check a draft and publish it: published findings appear on the public register and never change."}
      </p>
      <Flash />
      {isInspector && (
        <p>
          <a class="button button-primary" href={href("/inspections/new")}>
            Record a visit
          </a>
        </p>
      )}
      <form
        class="panel panel-wide search-form inline-filter"
        role="search"
        aria-label="Filter the inspections"
        onSubmit={(e) => e.preventDefault()}
      >
        <div class="field field-inline">
          <label for="inspections-status">Show</label>
          <select
            id="inspections-status"
            value={status === "" ? "all" : status}
            onChange={(e) => navigateWithQuery("/inspections", { status: e.currentTarget.value })}
          >
            <option value="draft">Drafts</option>
            <option value="published">Published findings</option>
            <option value="all">All</option>
          </select>
        </div>
      </form>
      <ErrorMessage message={error} />
      {items === null ? (
        <p class="loading" role="status">
          Loading…
        </p>
      ) : (
        <>
          {(wanted === "" || wanted === "draft") && (
            <InspectionTable
              caption={isInspector ? "Your drafts" : "Drafts waiting to be published"}
              items={drafts}
              names={names}
              empty={isInspector ? "You have no drafts." : "No drafts are waiting."}
              actionLabel={isInspector ? "Edit" : "Check and publish"}
            />
          )}
          {(wanted === "" || wanted === "published") && (
            <InspectionTable
              caption={isInspector ? "Your published findings" : "Published findings"}
              items={published}
              names={names}
              empty="No published findings."
              actionLabel="View"
            />
          )}
          {nextBefore !== null && (
            <p>
              <button type="button" class="button" onClick={more} disabled={loadingMore}>
                {loadingMore ? "Loading…" : "Show more"}
              </button>
            </p>
          )}
        </>
      )}
    </>
  );
}

function InspectionTable({
  caption,
  items,
  names,
  empty,
  actionLabel,
}: {
  caption: string;
  items: Inspection[];
  names: Map<number, string>;
  empty: string;
  actionLabel: string;
}) {
  const id = `table-${caption.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section class="table-section" aria-labelledby={id}>
      <h2 id={id}>{caption}</h2>
      <div class="table-wrap">
        <table class="data-table stack-table inspections-table">
          <thead>
            <tr>
              <th scope="col">Visit</th>
              <th scope="col">Provider</th>
              <th scope="col">Overall score</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-inspection-id={item.id}>
                <td data-label="Visit">
                  {formatDate(item.visit_date)} <span class="muted">#{item.id}</span>
                </td>
                <td data-label="Provider">{providerName(names, item.provider_id)}</td>
                <td data-label="Score">
                  {item.overall_score ?? <span class="muted">—</span>}
                  {item.malpractice && <span class="status-badge complaint-overdue inline-badge">Malpractice</span>}
                </td>
                <td data-label="Status">
                  <div>
                    <InspectionStatusBadge status={item.status} />
                  </div>
                </td>
                <td data-label="">
                  <a href={href(`/inspections/${item.id}`)}>
                    {actionLabel}
                    <span class="visually-hidden">
                      {" "}
                      the visit to {providerName(names, item.provider_id)} on {formatDate(item.visit_date)}
                    </span>
                  </a>
                </td>
              </tr>
            ))}
            {items.length === 0 && (
              <tr>
                <td colSpan={5} class="empty">
                  {empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// ---- one inspection ----

function InspectionPage({ idText, me }: { idText: string; me: Me }) {
  const id = /^[1-9][0-9]{0,15}$/.test(idText) ? Number(idText) : null;
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (id === null) return undefined;
    const controller = new AbortController();
    setInspection(null);
    getInspection(id, controller.signal)
      .then(setInspection)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = asApiError(caught, "The inspection could not be loaded.");
        setError(apiError.status === 404 ? "There is no inspection with this number." : apiError.message);
      });
    return () => controller.abort();
  }, [id]);

  if (id === null || error) {
    return (
      <>
        <BackToList />
        <PageHeading title="Inspection">Inspection</PageHeading>
        <ErrorMessage message={error ?? "There is no inspection with this number."} />
      </>
    );
  }
  if (!inspection) {
    return (
      <>
        <BackToList />
        <PageHeading title="Inspection">Inspection</PageHeading>
        <p class="loading" role="status">
          Loading…
        </p>
      </>
    );
  }
  if (me.role === "inspector" && inspection.status === "draft") return <VisitFormPage existing={inspection} />;
  return <InspectionView inspection={inspection} me={me} onChange={setInspection} />;
}

function BackToList() {
  return (
    <p class="back-link">
      <a href={href("/inspections")}>
        <span aria-hidden="true">← </span>Back to the inspections
      </a>
    </p>
  );
}

function InspectionView({ inspection, me, onChange }: { inspection: Inspection; me: Me; onChange: (i: Inspection) => void }) {
  const { rubric } = useRubric();
  const names = useProviderNames();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const name = providerName(names, inspection.provider_id);

  async function publish() {
    setBusy(true);
    setError(null);
    try {
      const published = await publishInspection(inspection.id);
      onChange(published);
      setConfirming(false);
      setDone("Finding published. It now appears on the provider's public register entry.");
      window.setTimeout(() => doneRef.current?.focus(), 0);
    } catch (caught) {
      setError(asApiError(caught, "The finding could not be published."));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  const criterionLabel = (field: string | null) => {
    const key = field?.startsWith("scores.") ? field.slice("scores.".length) : null;
    return key ? rubric?.criteria.find((c) => c.key === key)?.label ?? key : null;
  };

  return (
    <>
      <BackToList />
      <PageHeading title={`Inspection ${inspection.id}`}>
        Visit to {name} <span class="licence-number">(inspection {inspection.id})</span>
      </PageHeading>
      <p class="lead entry-lead">
        <InspectionStatusBadge status={inspection.status} />
        {inspection.published_at && <span class="muted">published {formatTime(inspection.published_at)}</span>}
      </p>
      {done && (
        <p class="message message-success" role="status" tabIndex={-1} ref={doneRef}>
          {done}
        </p>
      )}
      {inspection.suspension_suggested && me.role === "regulator" && (
        <SuspensionSuggested providerId={inspection.provider_id} name={names.get(inspection.provider_id) ?? null} />
      )}
      <div class="columns">
        <section class="panel" aria-labelledby="finding-heading">
          <h2 id="finding-heading">Finding</h2>
          <FindingCard finding={inspection} rubric={rubric} title={`Visit on ${formatDate(inspection.visit_date)}`} />
        </section>
        <section class="panel" aria-labelledby="record-heading">
          <h2 id="record-heading">Record</h2>
          <SummaryList
            rows={[
              ["Provider", `${name} (provider ${inspection.provider_id})`],
              ["Visit date", formatDate(inspection.visit_date)],
              ["Rubric", `version ${inspection.rubric_version}`],
              ["Malpractice", inspection.malpractice ? "Found" : "None recorded"],
              ["Recorded", formatTime(inspection.created_at)],
              ["Last changed", formatTime(inspection.updated_at)],
            ]}
          />
        </section>
      </div>
      {inspection.status === "draft" && me.role === "regulator" && (
        <section class="panel panel-wide" aria-labelledby="publish-heading">
          <h2 id="publish-heading">Publish the finding</h2>
          <p class="hint">
            Publishing needs every criterion answered and a written finding. A published finding is on the public register
            for good; it cannot be edited.
          </p>
          <ErrorMessage
            message={
              error
                ? criterionLabel(error.field)
                  ? `${criterionLabel(error.field)}: ${error.message}`
                  : error.field === "finding"
                    ? `The written finding: ${error.message}`
                    : error.message
                : null
            }
          />
          {confirming ? (
            <ConfirmStep confirmLabel="Publish the finding" busy={busy} onConfirm={publish} onCancel={() => setConfirming(false)}>
              <p>
                <strong>Publish this finding about {name}?</strong> Anyone can then read it on the public register, and it
                cannot be changed.
                {inspection.malpractice && " It records malpractice, which suggests suspending the provider's licence."}
              </p>
            </ConfirmStep>
          ) : (
            <button type="button" class="button button-primary" onClick={() => setConfirming(true)}>
              Publish…
            </button>
          )}
        </section>
      )}
    </>
  );
}

/** Malpractice was found and published: point the Regulator at the provider's licences. */
function SuspensionSuggested({ providerId, name }: { providerId: number; name: string | null }) {
  const [licences, setLicences] = useState<RegisterItem[] | null>(null);
  useEffect(() => {
    let live = true;
    wholeRegister(true)
      .then((all) => live && setLicences(all.filter((item) => item.provider_id === providerId)))
      .catch(() => live && setLicences([]));
    return () => {
      live = false;
    };
  }, [providerId]);

  const current = (licences ?? []).filter((l) => l.status === "granted" || l.status === "suspended");
  return (
    <div class="message message-warning suspension-suggested" role="note">
      <p>
        <strong>Suspension suggested.</strong> This published finding records malpractice (LIC-6). Open the provider's
        licence in the casework to propose suspension; a second regulator must confirm it.
      </p>
      {current.length > 0 ? (
        <ul class="link-list">
          {current.map((licence) => (
            <li key={licence.id}>
              <a href={href(`/licences/${licence.id}`)}>
                {kindLabel(licence.kind)} {licence.id}
              </a>{" "}
              <StatusBadge status={licence.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Provider {providerId}
          {name ? ` (${name})` : ""}:{" "}
          <a href={href(name ? `/licences?status=all&name=${encodeURIComponent(name)}` : "/licences?status=all")}>
            find its licences in the casework queue
          </a>
          {licences !== null && licences.length > 0 &&
            ` (no licence is granted now: ${licences.map((l) => statusLabel(l.status).toLowerCase()).join(", ")})`}
          .
        </p>
      )}
    </div>
  );
}

// ---- the visit form (inspector) ----

function VisitFormPage({ existing }: { existing: Inspection | null }) {
  const { rubric, error: rubricError } = useRubric();
  const names = useProviderNames();
  const [provider, setProvider] = useState<ProviderMatch | null>(null);
  const [visitDate, setVisitDate] = useState(existing?.visit_date ?? today());
  const [scores, setScores] = useState<Record<string, Answer>>(existing?.scores ?? {});
  const [finding, setFinding] = useState(existing?.finding ?? "");
  const [malpractice, setMalpractice] = useState(existing?.malpractice ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  // An existing draft's provider, named from the register.
  useEffect(() => {
    if (existing && (!provider || provider.provider_id === existing.provider_id)) {
      setProvider({ provider_id: existing.provider_id, provider_name: providerName(names, existing.provider_id) });
    }
  }, [existing, names]);

  function focusError() {
    window.setTimeout(() => {
      const invalid = document.querySelector<HTMLElement>(
        "#visit-form [aria-invalid='true'], #visit-form fieldset[aria-invalid='true'] input",
      );
      (invalid ?? errorRef.current)?.focus();
    }, 0);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setSaved(null);
    if (!provider) {
      setProblem("Choose the provider you visited.");
      focusError();
      return;
    }
    setProblem(null);
    setBusy(true);
    const record = { provider_id: provider.provider_id, visit_date: visitDate, scores, finding: finding.trim(), malpractice };
    try {
      const result = existing ? await editDraft(existing.id, record) : await recordVisit(record);
      if (existing) {
        setSaved("Draft saved. The Regulator can publish it when every criterion is answered and the finding is written.");
        window.setTimeout(() => savedRef.current?.focus(), 0);
      } else {
        flash = `Visit to ${provider.provider_name} recorded as draft ${result.id}.`;
        navigate("/inspections");
      }
    } catch (caught) {
      setError(asApiError(caught, "The visit could not be saved."));
      focusError();
    } finally {
      setBusy(false);
    }
  }

  const fieldMessage = (field: string) => (errorIsFor(error, field) ? error?.message ?? null : null);
  const known = ["provider_id", "visit_date", "finding", "malpractice", "scores"];
  const general = error && !known.some((field) => errorIsFor(error, field)) ? error.message : null;
  const scoresMessage = error?.field === "scores" ? error.message : null;
  const dateMessage = fieldMessage("visit_date");
  const findingMessage = fieldMessage("finding");
  const answered = rubric ? rubric.criteria.filter((c) => scores[c.key] !== undefined).length : 0;
  const title = existing ? `Edit draft ${existing.id}` : "Record a visit";

  return (
    <>
      <BackToList />
      <PageHeading title={title}>{title}</PageHeading>
      <p class="lead">
        Record what you found as a mystery shopper. You can save a draft with some criteria unanswered and finish it later;
        the Regulator publishes it when it is complete.
      </p>
      {saved && (
        <p class="message message-success" role="status" tabIndex={-1} ref={savedRef}>
          {saved}
        </p>
      )}
      <div ref={errorRef} tabIndex={-1} class="status-holder">
        <ErrorMessage message={general ?? rubricError} />
      </div>
      <form id="visit-form" class="panel panel-wide form-panel" onSubmit={submit} noValidate>
        <h2>The visit</h2>
        <ProviderPicker
          id="visit-provider"
          value={provider}
          onChange={setProvider}
          error={error}
          problem={problem}
          hint="Type part of the provider's name, then choose it from the register."
        />
        <div class="field">
          <label for="visit-date">Date of the visit</label>
          <FieldError id="visit-date-error" message={dateMessage} />
          <input
            id="visit-date"
            type="date"
            class="input-short input-date"
            value={visitDate}
            max={today()}
            aria-invalid={dateMessage ? "true" : undefined}
            aria-describedby={describedBy(dateMessage && "visit-date-error")}
            onInput={(e) => setVisitDate(e.currentTarget.value)}
          />
        </div>

        <h2>The rubric</h2>
        <p class="hint">
          {rubric
            ? `Rubric version ${rubric.version}: ${answered} of ${rubric.criteria.length} criteria answered. Scores run from 1 (very poor) to 5 (very good).`
            : "Loading the rubric…"}
        </p>
        <ErrorMessage message={scoresMessage} />
        {rubric?.criteria.map((criterion) => (
          <CriterionField
            key={criterion.key}
            criterion={criterion}
            value={scores[criterion.key]}
            message={fieldMessage(`scores.${criterion.key}`)}
            onChange={(answer) => {
              const next = { ...scores };
              if (answer === undefined) delete next[criterion.key];
              else next[criterion.key] = answer;
              setScores(next);
            }}
          />
        ))}

        <h2>The finding</h2>
        <div class="field">
          <label for="visit-finding">Written finding</label>
          <p id="visit-finding-hint" class="hint">
            What happened on the visit, as it will be published. Up to {MAX_FINDING_LENGTH} characters ({finding.length}{" "}
            used).
          </p>
          <FieldError id="visit-finding-error" message={findingMessage} />
          <textarea
            id="visit-finding"
            rows={6}
            maxLength={MAX_FINDING_LENGTH}
            value={finding}
            aria-invalid={findingMessage ? "true" : undefined}
            aria-describedby={describedBy("visit-finding-hint", findingMessage && "visit-finding-error")}
            onInput={(e) => setFinding(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label class="choice">
            <input type="checkbox" checked={malpractice} onChange={(e) => setMalpractice(e.currentTarget.checked)} />
            Malpractice found on this visit
          </label>
          <p class="hint">Once published, a finding of malpractice suggests suspending the provider's licence.</p>
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy || !rubric}>
            {busy ? "Saving…" : existing ? "Save the draft" : "Save as a draft"}
          </button>
          <a class="button" href={href("/inspections")}>
            Cancel
          </a>
        </div>
      </form>
    </>
  );
}

function CriterionField({
  criterion,
  value,
  message,
  onChange,
}: {
  criterion: Criterion;
  value: Answer | undefined;
  message: string | null;
  onChange: (answer: Answer | undefined) => void;
}) {
  const id = `criterion-${criterion.key}`;
  const options: [string, Answer][] =
    criterion.kind === "score"
      ? [1, 2, 3, 4, 5].map((n) => [String(n), n])
      : [
          ["Yes", true],
          ["No", false],
        ];
  return (
    <fieldset
      class="field choice-group criterion-field"
      data-criterion={criterion.key}
      aria-invalid={message ? "true" : undefined}
      aria-describedby={describedBy(message && `${id}-error`)}
    >
      <legend>{criterion.label}</legend>
      {criterion.kind === "flag" && criterion.adverse_answer !== null && (
        <p class="hint">“{criterion.adverse_answer ? "Yes" : "No"}” counts against the provider.</p>
      )}
      <FieldError id={`${id}-error`} message={message} />
      <div class={criterion.kind === "score" ? "choices choices-inline score-choices" : "choices choices-inline"}>
        {options.map(([label, answer]) => (
          <label class="choice" key={label}>
            <input
              type="radio"
              name={id}
              value={label}
              checked={value === answer}
              onChange={() => onChange(answer)}
            />
            {label}
          </label>
        ))}
        {value !== undefined && (
          <button type="button" class="link-button" onClick={() => onChange(undefined)}>
            Clear<span class="visually-hidden"> the answer to {criterion.label}</span>
          </button>
        )}
      </div>
    </fieldset>
  );
}
