// Pieces shared by the licensing pages: status badges, the assessment table, the decision history,
// field errors and the confirmation step.

import type { ComponentChildren } from "preact";
import { ApiError } from "../api";
import {
  formatTime,
  groundsLabel,
  statusLabel,
  type ChecklistItem,
  type Decision,
  type ItemAssessment,
} from "../licensing";

export function StatusBadge({ status }: { status: string }) {
  return <span class={`status-badge status-${status}`}>{statusLabel(status)}</span>;
}

/** An ApiError as it is, or anything else as a plain message. */
export function asApiError(caught: unknown, fallback: string): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(0, "unexpected", fallback);
}

/** Whether an API error names this field ("sectors" also matches "sectors[2]"). */
export function errorIsFor(error: ApiError | null, field: string): boolean {
  if (!error?.field) return false;
  return error.field === field || error.field.startsWith(`${field}[`) || error.field.startsWith(`${field}.`);
}

/** The message under a field; keep its id in the field's aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  if (!message) return null;
  return (
    <p id={id} class="field-error">
      <span class="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** aria-describedby from the ids that are present. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === "string" && id !== "");
  return present.length === 0 ? undefined : present.join(" ");
}

export function SummaryList({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="summary-list">
      {rows.map(([term, value]) => (
        <div class="summary-row" key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The checklist item by item: the question, the applicant's answer (when shown) and whether it
 * meets the standard. `items` gives the questions; an item the current checklist no longer has
 * is shown by its id.
 */
export function AssessmentTable({
  assessment,
  evidence,
  items,
  caption,
}: {
  assessment: ItemAssessment[];
  evidence?: Record<string, string>;
  items: ChecklistItem[];
  caption: string;
}) {
  const questions = new Map(items.map((item) => [item.id, item.question]));
  const passed = assessment.filter((item) => item.passed).length;
  return (
    <>
      <p class="assessment-score">
        <strong>
          {passed} of {assessment.length}
        </strong>{" "}
        checklist items meet the standard.
      </p>
      <div class="table-wrap">
        <table class="data-table stack-table assessment-table">
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Checklist item</th>
              {evidence && <th scope="col">Answer</th>}
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {assessment.map((item) => (
              <tr key={item.item} data-item={item.item}>
                <td data-label="Item">
                  <div>{questions.get(item.item) ?? <code>{item.item}</code>}</div>
                </td>
                {evidence && (
                  <td data-label="Answer" class="answer">
                    <div>{evidence[item.item] ? evidence[item.item] : <span class="muted">no answer</span>}</div>
                  </td>
                )}
                <td data-label="Result">
                  <div>
                    <span class={item.passed ? "result result-pass" : "result result-fail"}>
                      {item.passed ? "Meets the standard" : "Does not meet the standard"}
                    </span>
                    <span class="result-reason">{item.reason}</span>
                  </div>
                </td>
              </tr>
            ))}
            {assessment.length === 0 && (
              <tr>
                <td colSpan={evidence ? 3 : 2} class="empty">
                  No assessment.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Every decision on a licence, oldest first, with who made it and the reasons (LIC-5). */
export function DecisionHistory({ decisions }: { decisions: Decision[] }) {
  if (decisions.length === 0) return <p class="muted">No decisions yet.</p>;
  return (
    <ol class="history">
      {decisions.map((decision, index) => (
        <li key={index} class="history-item">
          <p class="history-head">
            <StatusBadge status={decision.to} />
            <span class="history-from">
              {decision.from === decision.to ? "" : `from ${statusLabel(decision.from).toLowerCase()}`}
            </span>
            <time dateTime={decision.at}>{formatTime(decision.at)}</time>
          </p>
          <p class="history-who">
            {decision.proposed_by ? (
              <>
                Proposed by <strong>{decision.proposed_by}</strong>, confirmed by <strong>{decision.decided_by}</strong>
              </>
            ) : (
              <>
                {decision.to === "applied" ? "Applied for by" : "Decided by"} <strong>{decision.decided_by}</strong>
              </>
            )}
            {decision.grounds && <> · Grounds: {groundsLabel(decision.grounds)}</>}
          </p>
          <blockquote class="history-reasons">{decision.reasons}</blockquote>
        </li>
      ))}
    </ol>
  );
}

/** The second step of a drastic action: says what will happen and asks to go on or go back. */
export function ConfirmStep({
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  children: ComponentChildren;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div class="confirm-step" role="group" aria-label="Confirm">
      <div class="confirm-text">{children}</div>
      <div class="actions">
        <button type="button" class="button button-danger" onClick={onConfirm} disabled={busy}>
          {busy ? "Working…" : confirmLabel}
        </button>
        <button type="button" class="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
