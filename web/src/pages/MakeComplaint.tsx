// Make a complaint about a provider (REG-3, CHO-6): anyone, without logging in (with an email
// address for the reply), or a logged-in citizen. The confirmation gives the reference and the
// date by which the provider must respond.
//
// #/complain?provider=12&name=... comes from a register entry with the provider already chosen.

import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError } from "../api";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { href, useQuery } from "../router";
import {
  CATEGORY_HINTS,
  categoryLabel,
  COMPLAINT_CATEGORIES,
  fileComplaint,
  MAX_COMPLAINT_LENGTH,
  type Complaint,
  type ProviderMatch,
} from "../regulation";
import { ErrorMessage, PageHeading } from "./common";
import { asApiError, describedBy, errorIsFor, FieldError, SummaryList } from "./licensing-common";
import { ProviderPicker } from "./regulation-common";

export function MakeComplaintPage({ me }: PageProps) {
  const query = useQuery();
  const presetId = Number(query.get("provider") ?? "");
  const presetName = query.get("name") ?? "";
  const isPublic = me === null;

  const [provider, setProvider] = useState<ProviderMatch | null>(
    Number.isInteger(presetId) && presetId > 0 && presetName !== "" ? { provider_id: presetId, provider_name: presetName } : null,
  );
  const [category, setCategory] = useState("");
  const [text, setText] = useState("");
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [filed, setFiled] = useState<{ complaint: Complaint; providerName: string } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (filed) document.getElementById("page-title")?.focus();
  }, [filed]);

  function focusFirstInvalid() {
    window.setTimeout(() => {
      const invalid = document.querySelector<HTMLElement>(
        "#complaint-form [aria-invalid='true'], #complaint-form fieldset[aria-invalid='true'] input",
      );
      (invalid ?? errorRef.current)?.focus();
    }, 0);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const found: Record<string, string> = {};
    if (!provider) found.provider_id = "Choose the provider you are complaining about.";
    if (category === "") found.category = "Choose what the complaint is about.";
    if (text.trim() === "") found.text = "Describe what happened.";
    if (isPublic && email.trim() === "") found.contact_email = "Give an email address so that we can tell you the outcome.";
    setProblems(found);
    if (Object.keys(found).length > 0 || !provider) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      const complaint = await fileComplaint(
        {
          provider_id: provider.provider_id,
          category,
          text: text.trim(),
          ...(isPublic || email.trim() !== "" ? { contact_email: email.trim() } : {}),
        },
        !isPublic,
      );
      setFiled({ complaint, providerName: provider.provider_name });
    } catch (caught) {
      setError(asApiError(caught, "The complaint could not be sent. Please try again."));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  }

  if (filed) {
    const { complaint, providerName } = filed;
    return (
      <>
        <PageHeading title="Complaint received">Complaint received</PageHeading>
        <div class="panel confirmation-panel" role="status">
          <p class="confirmation-deadline">
            <strong>{providerName}</strong> must respond by <strong class="deadline">{formatDate(complaint.response_due)}</strong>.
          </p>
          <SummaryList
            rows={[
              ["Reference", `Complaint ${complaint.id}`],
              ["Provider", providerName],
              ["About", categoryLabel(complaint.category)],
              ["Response due", formatDate(complaint.response_due)],
              ...(complaint.contact_email ? ([["We will write to", complaint.contact_email]] as [string, string][]) : []),
            ]}
          />
          <h2>What happens next</h2>
          <ol class="steps">
            <li>The provider reads your complaint and responds by {formatDate(complaint.response_due)}.</li>
            <li>The Regulator reviews the complaint and the response, and decides whether it is upheld.</li>
            <li>
              {isPublic
                ? "We write to you with the outcome and the Regulator's reasons."
                : "You can follow it, with the response and the outcome, under Complaints."}
            </li>
          </ol>
        </div>
        <p class="actions">
          {isPublic ? (
            <a class="button" href={href("/register")}>
              Back to the public register
            </a>
          ) : (
            <a class="button button-primary" href={href("/my-complaints")}>
              See your complaints
            </a>
          )}
        </p>
      </>
    );
  }

  const message = (field: string) => (errorIsFor(error, field) ? error?.message ?? null : null) ?? problems[field] ?? null;
  const known = ["provider_id", "category", "text", "contact_email"];
  const general = error && !known.some((field) => errorIsFor(error, field)) ? error.message : null;
  const categoryMessage = message("category");
  const textMessage = message("text");
  const emailMessage = message("contact_email");

  return (
    <>
      {isPublic && (
        <p class="back-link">
          <a href={href("/")}>
            <span aria-hidden="true">← </span>Log in instead
          </a>
        </p>
      )}
      <PageHeading title="Make a complaint">Make a complaint about a provider</PageHeading>
      <p class="lead">
        Tell the Regulator about a licensed provider: poor service, safeguarding worries, an inducement to choose them, or
        misleading marketing. The provider must respond within 20 days, and the Regulator decides the outcome.
      </p>
      <div ref={errorRef} tabIndex={-1} class="status-holder">
        <ErrorMessage message={general} />
      </div>
      <form id="complaint-form" class="panel form-panel" onSubmit={submit} noValidate>
        <ProviderPicker id="complaint-provider" value={provider} onChange={setProvider} error={error} problem={problems.provider_id ?? null} />
        <fieldset
          class="field choice-group"
          aria-invalid={categoryMessage ? "true" : undefined}
          aria-describedby={describedBy(categoryMessage && "complaint-category-error")}
        >
          <legend>What is the complaint about?</legend>
          <FieldError id="complaint-category-error" message={categoryMessage} />
          <div class="choices">
            {COMPLAINT_CATEGORIES.map((value) => (
              <label class="choice choice-with-hint" key={value}>
                <input
                  type="radio"
                  name="complaint-category"
                  value={value}
                  checked={category === value}
                  onChange={() => setCategory(value)}
                />
                <span>
                  {categoryLabel(value)}
                  {CATEGORY_HINTS[value] && <span class="choice-hint">{CATEGORY_HINTS[value]}</span>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div class="field">
          <label for="complaint-text">What happened?</label>
          <p id="complaint-text-hint" class="hint">
            When and where, who was involved, and what you would like to happen. Up to {MAX_COMPLAINT_LENGTH} characters (
            {text.length} used).
          </p>
          <FieldError id="complaint-text-error" message={textMessage} />
          <textarea
            id="complaint-text"
            rows={7}
            maxLength={MAX_COMPLAINT_LENGTH}
            value={text}
            aria-invalid={textMessage ? "true" : undefined}
            aria-describedby={describedBy("complaint-text-hint", textMessage && "complaint-text-error")}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </div>
        {isPublic && (
          <div class="field">
            <label for="complaint-email">Your email address</label>
            <p id="complaint-email-hint" class="hint">
              We use it only to tell you about this complaint.
            </p>
            <FieldError id="complaint-email-error" message={emailMessage} />
            <input
              id="complaint-email"
              type="email"
              autoComplete="email"
              spellcheck={false}
              value={email}
              aria-invalid={emailMessage ? "true" : undefined}
              aria-describedby={describedBy("complaint-email-hint", emailMessage && "complaint-email-error")}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </div>
        )}
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Sending…" : "Send the complaint"}
        </button>
      </form>
    </>
  );
}
