// A provider's licences (LIC-1..5): each with its status, the checklist item by item and the
// Regulator's decisions; and the application form, built from the current checklist (LIC-2),
// which charges the £250 fee (LIC-3).

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api";
import {
  APPLICATION_FEE_PENCE,
  applyForLicence,
  formatDate,
  formatPounds,
  getChecklist,
  getLicence,
  KIND_HINTS,
  kindLabel,
  LICENCE_KINDS,
  listLicences,
  sectionLabel,
  sectorLabel,
  statusLabel,
  type Checklist,
  type ChecklistItem,
  type LicenceView,
} from "../licensing";
import type { PageProps } from "../nav";
import { href, navigate } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { AssessmentTable, asApiError, DecisionHistory, describedBy, FieldError, StatusBadge, SummaryList } from "./licensing-common";

/** Said once on the licences page after an application is made. */
let flash: string | null = null;

export function ProviderLicencePage({ rest }: PageProps) {
  if (rest === "apply") return <ApplyPage />;
  return <LicencesPage />;
}

const STATUS_EXPLAINED: Record<string, string> = {
  applied: "The Regulator has your application and will start reviewing it.",
  under_review: "The Regulator is reviewing your evidence.",
  granted: "You are licensed: you can take on customers and claim outcomes.",
  refused: "The Regulator refused the application; the reasons are below. You can apply again.",
  suspended: "Your licence is suspended: you take no new customers until the Regulator reinstates it.",
  revoked: "Your licence is revoked. You can apply again.",
};

function LicencesPage() {
  const [licences, setLicences] = useState<LicenceView[] | null>(null);
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice] = useState(() => {
    const message = flash;
    flash = null;
    return message;
  });

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const page = await listLicences({}, null, 100, controller.signal);
      const views = await Promise.all(page.items.map((item) => getLicence(item.id, controller.signal)));
      setLicences(views.sort((a, b) => b.id - a.id));
    })().catch((caught: unknown) => {
      if (controller.signal.aborted) return;
      setError(asApiError(caught, "Your licences could not be loaded.").message);
    });
    getChecklist(controller.signal)
      .then(setChecklist)
      .catch(() => undefined); // questions fall back to item ids
    return () => controller.abort();
  }, []);

  return (
    <>
      <PageHeading title="Licence">Your licences</PageHeading>
      <p class="lead">
        Your organisation's licence applications and licences, each with the Regulator's assessment of your evidence and
        every decision with its reasons.
      </p>
      {notice && (
        <div class="message message-success" role="status">
          <p>{notice}</p>
        </div>
      )}
      <ErrorMessage message={error} />
      <p>
        <a class="button button-primary" href={href("/licence/apply")}>
          Apply for a licence
        </a>
      </p>
      {licences === null && !error && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {licences !== null && licences.length === 0 && (
        <div class="panel">
          <p>
            Your organisation holds no licence yet. Apply for the general licence first: it covers every End Result and
            King Outcome. Top-up licences are for the few outcomes that need them.
          </p>
        </div>
      )}
      {licences?.map((licence) => (
        <section
          key={licence.id}
          class="panel panel-wide licence-card"
          aria-labelledby={`licence-${licence.id}-heading`}
          data-licence-id={licence.id}
        >
          <h2 id={`licence-${licence.id}-heading`} class="licence-title">
            <span>
              {kindLabel(licence.kind)} <span class="muted licence-number">no. {licence.id}</span>
            </span>
            <StatusBadge status={licence.status} />
          </h2>
          <p>{STATUS_EXPLAINED[licence.status] ?? statusLabel(licence.status)}</p>
          <SummaryList
            rows={[
              ["Applied", formatDate(licence.applied_at)],
              ["Granted on", formatDate(licence.granted_on)],
              ["Scope", licence.scope_restriction ? `${sectorLabel(licence.scope_restriction)} only (temporary)` : "Full"],
              ["Checklist", `version ${licence.checklist_version}`],
              ["Fee", licence.fee_posting_id ? `${formatPounds(APPLICATION_FEE_PENCE)} charged (ledger posting ${licence.fee_posting_id})` : "—"],
            ]}
          />
          <details class="disclosure" open={licence.status === "applied" || licence.status === "under_review" || licence.status === "refused"}>
            <summary>Assessment of your evidence</summary>
            <AssessmentTable
              assessment={licence.assessment}
              evidence={licence.evidence}
              items={checklist?.items ?? []}
              caption={`Assessment of licence ${licence.id}`}
            />
          </details>
          <h3>Decisions</h3>
          <DecisionHistory decisions={licence.decisions} />
        </section>
      ))}
    </>
  );
}

const SECTION_ORDER = ["managerial", "operational", "financial"];

function itemHint(item: ChecklistItem): string {
  switch (item.kind) {
    case "yes":
      return "The standard is “yes”.";
    case "no":
      return "The standard is “no”.";
    case "decimal_at_least":
      return `A number such as 1.25; the minimum is ${item.threshold ?? "set by the Regulator"}.`;
    default:
      return "Give the evidence in a few words.";
  }
}

function ApplyPage() {
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [kind, setKind] = useState("general");
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    getChecklist(controller.signal)
      .then(setChecklist)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(asApiError(caught, "The checklist could not be loaded.").message);
      });
    return () => controller.abort();
  }, []);

  const fieldItem = error?.field?.startsWith("evidence.") ? error.field.slice("evidence.".length) : null;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || !checklist) return;
    setBusy(true);
    setError(null);
    // Unanswered items are left out, so that the server names the first one missing.
    const evidence: Record<string, string> = {};
    for (const item of checklist.items) {
      const answer = (answers[item.id] ?? "").trim();
      if (answer !== "") evidence[item.id] = answer;
    }
    try {
      const licence = await applyForLicence(kind, evidence);
      const passed = licence.assessment.filter((item) => item.passed).length;
      flash =
        `Application made: ${kindLabel(licence.kind)} no. ${licence.id}, fee of ${formatPounds(APPLICATION_FEE_PENCE)} charged. ` +
        `${passed} of ${licence.assessment.length} checklist items meet the standard. The Regulator will review it.`;
      navigate("/licence");
    } catch (caught) {
      const apiError = asApiError(caught, "The application could not be made. Please try again.");
      setError(apiError);
      setBusy(false);
      setTimeout(() => {
        const item = apiError.field?.startsWith("evidence.") ? apiError.field.slice("evidence.".length) : null;
        const target = item ? document.querySelector<HTMLElement>(`[data-evidence="${CSS.escape(item)}"]`) : null;
        if (target) target.focus();
        else if (apiError.field === "kind") document.getElementById("apply-kind")?.focus();
        else errorRef.current?.focus();
      }, 0);
    }
  }

  const set = (id: string, value: string) => setAnswers({ ...answers, [id]: value });

  function itemInput(item: ChecklistItem) {
    const inputId = `evidence-${item.id}`;
    const hintId = `${inputId}-hint`;
    const errorId = `${inputId}-error`;
    const invalid = fieldItem === item.id;
    const describe = describedBy(hintId, invalid && errorId);
    const value = answers[item.id] ?? "";
    if (item.kind === "yes" || item.kind === "no") {
      return (
        <fieldset class="field choice-group" key={item.id} aria-invalid={invalid ? "true" : undefined} aria-describedby={describe}>
          <legend>{item.question}</legend>
          <p id={hintId} class="hint">
            {itemHint(item)}
          </p>
          <FieldError id={errorId} message={invalid ? error?.message ?? null : null} />
          <div class="choices choices-inline">
            {["yes", "no"].map((option, index) => (
              <label class="choice" key={option}>
                <input
                  type="radio"
                  name={inputId}
                  value={option}
                  data-evidence={index === 0 ? item.id : undefined}
                  checked={value === option}
                  onChange={() => set(item.id, option)}
                />
                {option === "yes" ? "Yes" : "No"}
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    return (
      <div class="field" key={item.id}>
        <label for={inputId}>{item.question}</label>
        <p id={hintId} class="hint">
          {itemHint(item)}
        </p>
        <input
          id={inputId}
          type="text"
          data-evidence={item.id}
          inputMode={item.kind === "decimal_at_least" ? "decimal" : undefined}
          class={item.kind === "decimal_at_least" ? "input-short" : undefined}
          maxLength={2000}
          value={value}
          aria-invalid={invalid ? "true" : undefined}
          aria-describedby={describe}
          onInput={(e) => set(item.id, e.currentTarget.value)}
        />
        <FieldError id={errorId} message={invalid ? error?.message ?? null : null} />
      </div>
    );
  }

  const sections = checklist
    ? [...new Set([...SECTION_ORDER, ...checklist.items.map((item) => item.section)])].filter((section) =>
        checklist.items.some((item) => item.section === section),
      )
    : [];

  return (
    <>
      <p class="back-link">
        <a href={href("/licence")}>
          <span aria-hidden="true">← </span>Your licences
        </a>
      </p>
      <PageHeading title="Apply for a licence">Apply for a licence</PageHeading>
      <p class="lead">
        Show the Regulator your managerial, operational and financial competency. The licence does not try to predict
        your results: that is for the market to discover.
      </p>
      <div class="message message-info fee-notice">
        <p>
          <strong>Application fee: {formatPounds(APPLICATION_FEE_PENCE)}.</strong> It is charged when you apply, whatever
          the decision, and recorded in your account with the Regulator.
        </p>
      </div>
      <div ref={errorRef} tabIndex={-1}>
        <ErrorMessage message={loadError ?? (error ? error.message : null)} />
      </div>
      {!checklist && !loadError && (
        <p class="loading" role="status">
          Loading the checklist…
        </p>
      )}
      {checklist && (
        <form class="panel form-panel" onSubmit={submit} noValidate>
          <div class="field">
            <label for="apply-kind">Licence</label>
            <select
              id="apply-kind"
              value={kind}
              aria-describedby="apply-kind-hint"
              aria-invalid={error?.field === "kind" ? "true" : undefined}
              onChange={(e) => setKind(e.currentTarget.value)}
            >
              {LICENCE_KINDS.map((value) => (
                <option key={value} value={value}>
                  {kindLabel(value)}
                </option>
              ))}
            </select>
            <p id="apply-kind-hint" class="hint">
              {KIND_HINTS[kind]}
            </p>
          </div>
          {sections.map((section) => (
            <fieldset class="section-group" key={section}>
              <legend>{sectionLabel(section)}</legend>
              {checklist.items.filter((item) => item.section === section).map(itemInput)}
            </fieldset>
          ))}
          <p class="hint">Checklist version {checklist.version}.</p>
          <div class="actions">
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? "Applying…" : `Apply and pay the ${formatPounds(APPLICATION_FEE_PENCE)} fee`}
            </button>
            <a class="button" href={href("/licence")}>
              Cancel
            </a>
          </div>
        </form>
      )}
    </>
  );
}
