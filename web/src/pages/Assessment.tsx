// The single assessment (ASM-1..3): the questionnaire, grouped by its twelve domains, taken by
// the citizen online or by the referrer with them; only the referrer adds recommendations.
// The questionnaire is configuration: the page draws whatever GET /assessment/questionnaire gives.

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api";
import {
  assess,
  domainLabel,
  getAssessmentConfig,
  getCitizen,
  optionLabel,
  type AssessmentConfig,
  type CitizenView,
  type Question,
} from "../journey";
import { navigate } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { BackLink, Loading, setNotice } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";

export function AssessmentPage({
  citizenId,
  base,
  asReferrer,
}: {
  citizenId: number;
  /** The record's address; the page returns there when done. */
  base: string;
  asReferrer: boolean;
}) {
  const [config, setConfig] = useState<AssessmentConfig | null>(null);
  const [citizen, setCitizen] = useState<CitizenView | null>(null);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [recommendations, setRecommendations] = useState("");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([getAssessmentConfig(), getCitizen(citizenId, controller.signal)])
      .then(([c, view]) => {
        setConfig(c);
        setCitizen(view);
        // Start from the latest answers, so a second assessment only changes what changed.
        const previous = view.assessment?.answers ?? {};
        const known = new Set(c.questionnaire.questions.map((q) => q.id));
        setAnswers(Object.fromEntries(Object.entries(previous).filter(([id]) => known.has(id))));
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(asApiError(caught, "The questionnaire could not be loaded.").message);
      });
    return () => controller.abort();
  }, [citizenId]);

  const title = asReferrer ? "Single assessment" : "Your online assessment";
  if (loadError) {
    return (
      <>
        <BackLink to={base}>Back to the record</BackLink>
        <PageHeading title={title}>{title}</PageHeading>
        <ErrorMessage message={loadError} />
      </>
    );
  }
  if (!config || !citizen) return <Loading what="the questionnaire" />;

  const questions = config.questionnaire.questions;
  const domains: string[] = [];
  for (const q of questions) if (!domains.includes(q.domain)) domains.push(q.domain);

  function fail(field: string | null, message: string) {
    setError({ field, message });
    setBusy(false);
    setTimeout(() => {
      const target = field ? document.querySelector<HTMLElement>(`[data-question="${field}"] input, [data-question="${field}"] textarea`) : null;
      (target ?? document.getElementById("assessment-error"))?.focus();
    }, 0);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    for (const q of questions) {
      const answer = (answers[q.id] ?? "").trim();
      if (q.required && answer === "") return fail(q.id, "Answer this question.");
      if (q.kind === "number" && answer !== "") {
        if (!/^\d+$/.test(answer)) return fail(q.id, "Enter a whole number.");
        const value = Number(answer);
        if ((q.minimum !== undefined && value < q.minimum) || (q.maximum !== undefined && value > q.maximum)) {
          return fail(q.id, `Enter a number from ${q.minimum ?? 0} to ${q.maximum ?? "any"}.`);
        }
      }
    }
    const sent = Object.fromEntries(
      Object.entries(answers)
        .map(([id, value]) => [id, value.trim()] as const)
        .filter(([, value]) => value !== ""),
    );
    setBusy(true);
    try {
      const result = await assess(citizenId, sent, asReferrer ? recommendations : null);
      const eligible = result.eligible_end_results.length;
      setNotice(
        `Assessment saved: ${result.barriers.length} ${result.barriers.length === 1 ? "barrier" : "barriers"}, eligible for ${eligible} ${
          eligible === 1 ? "End Result" : "End Results"
        }.`,
      );
      navigate(base);
    } catch (caught) {
      const apiError = asApiError(caught, "The assessment could not be saved. Please try again.");
      const field = apiError instanceof ApiError && apiError.field ? apiError.field.replace(/^answers\./, "") : null;
      fail(field, apiError.message);
    }
  }

  const who = citizen.full_name ?? `citizen ${citizen.id}`;
  return (
    <>
      <BackLink to={base}>Back to {asReferrer ? `${who}'s record` : "your record"}</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="lead">
        {asReferrer ? (
          <>
            One assessment for every service, taken with <strong>{who}</strong>. The answers give their barriers and the
            End Results they are eligible for; you can add your professional recommendations at the end.
          </>
        ) : (
          <>
            One set of questions for every service. Your answers tell us which kinds of help you can have, and how much a
            provider is paid to help you. Everything is private: only you, your referrer and the provider you choose see it.
          </>
        )}
      </p>
      <ErrorMessage id="assessment-error" message={error ? error.message : null} />
      <form ref={formRef} class="assessment-form" onSubmit={submit} noValidate>
        <nav class="domain-index" aria-label="Sections of the assessment">
          <ol>
            {domains.map((domain) => (
              <li key={domain}>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => {
                    document.getElementById(`domain-${domain}`)?.scrollIntoView();
                    document.querySelector<HTMLElement>(`#domain-${domain} input, #domain-${domain} textarea`)?.focus();
                  }}
                >
                  {domainLabel(domain)}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        {domains.map((domain, index) => (
          <fieldset key={domain} id={`domain-${domain}`} class="panel panel-wide section-group domain-group">
            <legend>
              <span class="domain-number">{index + 1}</span> {domainLabel(domain)}
            </legend>
            {questions
              .filter((q) => q.domain === domain)
              .map((q) => (
                <QuestionField
                  key={q.id}
                  question={q}
                  value={answers[q.id] ?? ""}
                  error={error?.field === q.id ? error.message : null}
                  onChange={(value) => setAnswers({ ...answers, [q.id]: value })}
                />
              ))}
          </fieldset>
        ))}
        {asReferrer && (
          <div class="panel panel-wide">
            <div class="field" data-question="recommendations">
              <label for="recommendations">
                Professional recommendations (optional)
              </label>
              <textarea
                id="recommendations"
                rows={4}
                maxLength={5000}
                value={recommendations}
                aria-describedby={describedBy("recommendations-hint", error?.field === "recommendations" && "recommendations-error")}
                aria-invalid={error?.field === "recommendations" ? "true" : undefined}
                onInput={(e) => setRecommendations(e.currentTarget.value)}
              />
              <p id="recommendations-hint" class="hint">
                Attached to this assessment (ASM-3). The citizen and the provider they register with can read them.
              </p>
              <FieldError id="recommendations-error" message={error?.field === "recommendations" ? error.message : null} />
            </div>
          </div>
        )}
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? "Saving…" : "Save the assessment"}
          </button>
        </div>
      </form>
    </>
  );
}

function QuestionField({
  question,
  value,
  error,
  onChange,
}: {
  question: Question;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
}) {
  const id = `q-${question.id}`;
  const errorId = `${id}-error`;
  const optional = question.required ? null : <span class="muted"> (optional)</span>;
  if (question.kind === "number") {
    return (
      <div class="field question" data-question={question.id}>
        <label for={id}>
          {question.text}
          {optional}
        </label>
        <input
          id={id}
          type="text"
          inputMode="numeric"
          class="input-short"
          autoComplete="off"
          value={value}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={describedBy(error && errorId)}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
        <FieldError id={errorId} message={error} />
      </div>
    );
  }
  const options = question.kind === "yes_no" ? ["yes", "no"] : (question.options ?? []);
  return (
    <fieldset
      class="field choice-group question"
      data-question={question.id}
      aria-invalid={error ? "true" : undefined}
      aria-describedby={describedBy(error && errorId)}
    >
      <legend>
        {question.text}
        {optional}
      </legend>
      <FieldError id={errorId} message={error} />
      <div class="choices choices-inline question-options">
        {options.map((option) => (
          <label key={option} class="choice">
            <input
              type="radio"
              id={`${id}-${option}`}
              name={id}
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            {optionLabel(option)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
