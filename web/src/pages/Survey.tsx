// The satisfaction survey (PAY-6) as the invited citizen sees it: one question per open
// invitation, five answers and "Don't know", and a confirmation once answered. Invitations go to a
// random sample of all registrations at 3 and 12 months, so answering helps other citizens choose.

import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "../api";
import {
  answerLabel,
  answerSurvey,
  listMySurveys,
  SURVEY_ANSWERS,
  SURVEY_QUESTION,
  type SurveyAnswer,
  type SurveyInvitation,
} from "../claims";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { ErrorMessage, PageHeading } from "./common";
import { Loading, Notice, useNames } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";
import type { Names } from "../journey";

export function SurveyPage({ me }: PageProps) {
  const { names } = useNames();
  const [items, setItems] = useState<SurveyInvitation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listMySurveys(controller.signal)
      .then((reply) => setItems(reply.items))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "Your surveys could not be loaded.").message);
      });
    return () => controller.abort();
  }, []);

  if (!me) return null; // citizens only (see nav.ts)

  const answered = (invitation: SurveyInvitation) => {
    setItems((current) => (current ?? []).map((i) => (i.id === invitation.id ? invitation : i)));
    setNotice(`Thank you: your answer about ${invitation.provider_name} has been recorded.`);
  };

  const open = (items ?? []).filter((i) => i.answer === null);
  const done = (items ?? []).filter((i) => i.answer !== null);
  return (
    <>
      <PageHeading title="Survey">Survey</PageHeading>
      <p class="lead">
        We ask a random sample of people, 3 and 12 months after they registered, what they think of their provider. Your answer
        is published only as part of each provider's recommend rate, which other citizens see when they choose, and which
        decides part of what the provider is paid.
      </p>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {items === null && !error && <Loading what="your surveys" />}
      {items !== null && open.length === 0 && (
        <p class="muted no-surveys">{done.length === 0 ? "You have no survey to answer." : "You have answered every survey. Thank you."}</p>
      )}
      {open.map((invitation) => (
        <SurveyForm key={invitation.id} invitation={invitation} names={names} onAnswered={answered} />
      ))}
      {done.length > 0 && (
        <section class="table-section" aria-labelledby="answered-heading">
          <h2 id="answered-heading">Your answers</h2>
          <ul class="link-list answered-list">
            {done.map((invitation) => (
              <li key={invitation.id} data-survey-id={invitation.id}>
                {invitation.provider_name} ({names.endResult(invitation.end_result)}, after {invitation.wave_months} months):{" "}
                <strong>{answerLabel(invitation.answer ?? "")}</strong>
                {invitation.answered_on && <span class="muted"> on {formatDate(invitation.answered_on)}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function SurveyForm({
  invitation,
  names,
  onAnswered,
}: {
  invitation: SurveyInvitation;
  names: Names;
  onAnswered: (invitation: SurveyInvitation) => void;
}) {
  const [answer, setAnswer] = useState<SurveyAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = `survey-${invitation.id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (answer === null) {
      setProblem("Choose an answer.");
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    try {
      const reply = await answerSurvey(invitation.id, answer);
      // The reply is the invitation as now stored; fill in what an older server might leave out.
      onAnswered({ ...invitation, ...(reply ?? {}), answer: reply?.answer ?? answer });
    } catch (caught) {
      setError(asApiError(caught, "Your answer could not be sent."));
    } finally {
      setBusy(false);
    }
  };

  const message = problem ?? (error?.field === "answer" ? error.message : null);
  return (
    <form class="panel form-panel panel-wide survey-form" data-survey-id={invitation.id} onSubmit={submit} noValidate>
      <h2>
        {invitation.provider_name}: {names.endResult(invitation.end_result)}
      </h2>
      <p class="hint">
        {invitation.wave_months} months after you registered; invited on {formatDate(invitation.invited_on)}.
      </p>
      <ErrorMessage message={error && error.field !== "answer" ? error.message : null} />
      <fieldset
        class="field choice-group"
        aria-invalid={message ? "true" : undefined}
        aria-describedby={describedBy(message && `${id}-error`)}
      >
        <legend>{SURVEY_QUESTION}</legend>
        <FieldError id={`${id}-error`} message={message} />
        <div class="choices">
          {SURVEY_ANSWERS.map((value) => (
            <label class="choice" key={value}>
              <input
                id={`${id}-${value}`}
                type="radio"
                name={id}
                value={value}
                checked={answer === value}
                onChange={() => setAnswer(value)}
              />
              <span>{answerLabel(value)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Sending…" : "Send my answer"}
        </button>
      </div>
    </form>
  );
}
