// Pieces shared by the inspection and complaint pages: the provider picker, provider names, an
// inspection finding as the public sees it, and the badges.

import { useEffect, useRef, useState } from "preact/hooks";
import type { ApiError } from "../api";
import { formatDate } from "../licensing";
import {
  answerText,
  complaintStatusLabel,
  findProviders,
  isAdverse,
  providerNames,
  type Inspection,
  type ProviderMatch,
  type Rubric,
} from "../regulation";
import { describedBy, errorIsFor, FieldError } from "./licensing-common";

/** Provider names from the public register by id; empty until loaded. */
export function useProviderNames(): Map<number, string> {
  const [names, setNames] = useState<Map<number, string>>(new Map());
  useEffect(() => {
    let live = true;
    providerNames()
      .then((all) => live && setNames(all))
      .catch(() => undefined); // names fall back to "Provider 12"
    return () => {
      live = false;
    };
  }, []);
  return names;
}

export function providerName(names: Map<number, string>, id: number): string {
  return names.get(id) ?? `Provider ${id}`;
}

/**
 * Type part of a name, pick the provider from the matches on the public register. `value` is the
 * chosen provider (or null); `error` marks the field when the API names `provider_id`.
 */
export function ProviderPicker({
  id,
  value,
  onChange,
  error,
  problem,
  hint,
}: {
  id: string;
  value: ProviderMatch | null;
  onChange: (provider: ProviderMatch | null) => void;
  error: ApiError | null;
  /** A message from the page itself (e.g. "Choose the provider."). */
  problem?: string | null;
  hint?: string;
}) {
  const [text, setText] = useState("");
  const [matches, setMatches] = useState<ProviderMatch[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const focusChosen = useRef(false);
  const changeRef = useRef<HTMLButtonElement>(null);

  // After choosing, keyboard focus moves to the chosen provider's "Change" button.
  useEffect(() => {
    if (value && focusChosen.current) {
      focusChosen.current = false;
      changeRef.current?.focus();
    }
  }, [value]);

  useEffect(() => {
    window.clearTimeout(timer.current);
    const wanted = text.trim();
    if (wanted.length < 2) {
      setMatches(null);
      setSearching(false);
      return undefined;
    }
    const controller = new AbortController();
    setSearching(true);
    timer.current = window.setTimeout(() => {
      findProviders(wanted, controller.signal)
        .then((found) => {
          setMatches(found.slice(0, 12));
          setFailed(null);
          setSearching(false);
        })
        .catch((caught: unknown) => {
          if (controller.signal.aborted) return;
          setFailed(caught instanceof Error ? caught.message : "The register could not be searched.");
          setSearching(false);
        });
    }, 250);
    return () => {
      window.clearTimeout(timer.current);
      controller.abort();
    };
  }, [text]);

  const apiMessage = errorIsFor(error, "provider_id") ? error?.message ?? null : null;
  const message = apiMessage ?? problem ?? null;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;

  if (value) {
    return (
      <div class="field provider-picker">
        <span class="field-label" id={`${id}-label`}>
          Provider
        </span>
        <p class="chosen-provider" aria-labelledby={`${id}-label`}>
          <strong data-provider-id={value.provider_id}>{value.provider_name}</strong>
          <button
            type="button"
            class="button button-quiet"
            ref={changeRef}
            onClick={() => {
              onChange(null);
              setText("");
            }}
          >
            Change<span class="visually-hidden"> the provider</span>
          </button>
        </p>
        <FieldError id={errorId} message={message} />
      </div>
    );
  }

  return (
    <div class="field provider-picker">
      <label for={id}>Provider</label>
      <p id={hintId} class="hint">
        {hint ?? "Type part of the provider's name, then choose it from the list."}
      </p>
      <FieldError id={errorId} message={message} />
      <input
        id={id}
        type="search"
        value={text}
        autoComplete="off"
        aria-describedby={describedBy(hintId, message && errorId)}
        aria-invalid={message ? "true" : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      <div aria-live="polite" class="picker-status">
        {searching
          ? "Searching the register…"
          : failed
            ? failed
            : matches === null
              ? ""
              : matches.length === 0
                ? "No provider on the register matches this name."
                : `${matches.length} ${matches.length === 1 ? "provider matches" : "providers match"}.`}
      </div>
      {matches && matches.length > 0 && (
        <ul class="pick-list match-list" aria-label="Matching providers">
          {matches.map((match) => (
            <li key={match.provider_id}>
              <button
                type="button"
                class="match-button"
                data-provider-id={match.provider_id}
                onClick={() => {
                  focusChosen.current = true;
                  onChange(match);
                }}
              >
                {match.provider_name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ComplaintStatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span class="badge-row">
      <span class={`status-badge complaint-${status}`}>{complaintStatusLabel(status)}</span>
      {overdue && <span class="status-badge complaint-overdue">Overdue</span>}
    </span>
  );
}

export function InspectionStatusBadge({ status }: { status: string }) {
  return (
    <span class={`status-badge inspection-${status}`}>{status === "published" ? "Published" : "Draft"}</span>
  );
}

/** One finding: overall score, adverse flags, each criterion's answer, the text, the visit date. */
export function FindingCard({
  finding,
  rubric,
  headingLevel = 3,
  title,
}: {
  finding: Inspection;
  rubric: Rubric | null;
  headingLevel?: 2 | 3;
  title?: string;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const criteria = rubric && rubric.version === finding.rubric_version ? rubric.criteria : null;
  const adverse = criteria ? criteria.filter((c) => isAdverse(c, finding.scores[c.key])) : [];
  return (
    <article class="finding-card" data-inspection-id={finding.id}>
      <Heading class="finding-title">
        {title ?? `Visit on ${formatDate(finding.visit_date)}`}
        {finding.overall_score !== null && (
          <span class="score-pill" aria-label={`Overall score ${finding.overall_score} out of 5`}>
            {finding.overall_score}
            <span aria-hidden="true"> / 5</span>
          </span>
        )}
      </Heading>
      {finding.malpractice && (
        <p class="message message-warning finding-malpractice">
          <strong>Malpractice found</strong> on this visit.
        </p>
      )}
      {criteria ? (
        <ul class="criteria-list">
          {criteria.map((criterion) => {
            const answer = finding.scores[criterion.key];
            const bad = isAdverse(criterion, answer);
            return (
              <li key={criterion.key} class={bad ? "criterion criterion-adverse" : "criterion"}>
                <span class="criterion-label">{criterion.label}</span>
                <span class="criterion-answer">
                  {criterion.kind === "score" && typeof answer === "number" ? (
                    <span class="score-dots" aria-label={`${answer} of 5`}>
                      {[1, 2, 3, 4, 5].map((n) => (
                        <span key={n} aria-hidden="true" class={n <= answer ? "dot dot-on" : "dot"} />
                      ))}
                      <span aria-hidden="true" class="score-number">
                        {answer}
                      </span>
                    </span>
                  ) : (
                    <>
                      {answerText(criterion, answer)}
                      {bad && <span class="adverse-mark"> (counts against the provider)</span>}
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      ) : (
        finding.adverse_flags.length > 0 && (
          <p>
            Adverse flags: <strong>{finding.adverse_flags.join(", ")}</strong>
          </p>
        )
      )}
      {criteria && adverse.length === 0 && finding.adverse_flags.length === 0 && (
        <p class="hint">No adverse flags.</p>
      )}
      {finding.finding ? (
        <blockquote class="history-reasons finding-text">{finding.finding}</blockquote>
      ) : (
        <p class="muted">No written finding yet.</p>
      )}
      <p class="finding-meta">
        Visited {formatDate(finding.visit_date)}
        {finding.published_at && <> · published {formatDate(finding.published_at)}</>}
      </p>
    </article>
  );
}
