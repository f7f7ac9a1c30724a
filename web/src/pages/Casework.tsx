// The Regulator's licensing casework (LIC-5, LIC-6, LIC-7, X-5): the review queue, and one
// licence with its evidence, assessment, decisions and the actions its status allows.
//
// Suspension and revocation take four eyes: one regulator proposes, a different one confirms.
// The server enforces it; the page says who proposed and shows the server's answer.

import type { ComponentChildren } from "preact";
import { createContext } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import { ApiError, type Me } from "../api";
import {
  CASEWORK_PAGE_SIZE,
  confirmProposal,
  decide,
  formatDate,
  formatPounds,
  formatTime,
  getChecklist,
  getLicence,
  GROUNDS,
  groundsLabel,
  kindLabel,
  LICENCE_KINDS,
  LICENCE_STATUSES,
  listLicences,
  propose,
  reinstate,
  sectorLabel,
  SECTORS,
  setScope,
  startReview,
  statusLabel,
  withdrawProposal,
  APPLICATION_FEE_PENCE,
  type Checklist,
  type LicenceSummary,
  type LicenceView,
} from "../licensing";
import type { PageProps } from "../nav";
import { currentQuery, href, navigateWithQuery, useQuery } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import {
  AssessmentTable,
  asApiError,
  ConfirmStep,
  DecisionHistory,
  describedBy,
  errorIsFor,
  FieldError,
  StatusBadge,
  SummaryList,
} from "./licensing-common";

export function CaseworkPage({ me, rest }: PageProps) {
  if (!me) return null; // regulators only (see nav.ts)
  if (rest !== "") return <LicenceCasePage idText={rest} me={me} />;
  return <QueuePage />;
}

// ---- the queue ----

/** The default view: applications waiting for the Regulator. */
const AWAITING = "awaiting";
const AWAITING_STATUSES = ["applied", "under_review"];

/** Per status asked for ("" = any): where the next page starts, or "done". */
type Cursor = Record<string, number | null | "done">;

let lastQueueSearch = "";

function QueuePage() {
  const query = useQuery();
  const status = query.get("status") ?? AWAITING;
  const kind = query.get("kind") ?? "";
  const name = query.get("name") ?? "";
  const key = `${status}\u0000${kind}\u0000${name}`;
  const statuses = status === AWAITING ? AWAITING_STATUSES : status === "all" ? [""] : [status];

  const [form, setForm] = useState({ status, kind, name });
  const [cursors, setCursors] = useState<Cursor[]>([]);
  const [items, setItems] = useState<LicenceSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<Cursor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const tableRef = useRef<HTMLDivElement>(null);
  const focusTable = useRef(false);
  const pageIndex = Math.max(cursors.length - 1, 0);
  const cursor: Cursor = cursors[cursors.length - 1] ?? Object.fromEntries(statuses.map((s) => [s, null]));
  const cursorKey = JSON.stringify(cursor);

  useEffect(() => {
    setForm({ status, kind, name });
    setCursors([]);
    lastQueueSearch = currentQuery();
  }, [key]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    const wanted = Object.entries(cursor).filter(([, after]) => after !== "done") as [string, number | null][];
    Promise.all(
      wanted.map(([s, after]) =>
        listLicences({ status: s, kind, name }, after, CASEWORK_PAGE_SIZE, controller.signal).then((page) => [s, page] as const),
      ),
    )
      .then((pages) => {
        const next: Cursor = Object.fromEntries(Object.keys(cursor).map((s) => [s, "done"]));
        const merged: LicenceSummary[] = [];
        for (const [s, page] of pages) {
          merged.push(...page.items);
          next[s] = page.next_after ?? "done";
        }
        merged.sort((a, b) => a.id - b.id); // the queue: oldest application first
        setItems(merged);
        setNextCursor(Object.values(next).some((after) => after !== "done") ? next : null);
        setLoading(false);
        if (focusTable.current) {
          focusTable.current = false;
          tableRef.current?.focus();
        }
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The licences could not be loaded.").message);
        setItems([]);
        setLoading(false);
      });
    return () => controller.abort();
  }, [key, cursorKey]);

  function submit(event: Event) {
    event.preventDefault();
    focusTable.current = true;
    navigateWithQuery("/licences", {
      status: form.status === AWAITING ? null : form.status,
      kind: form.kind,
      name: form.name.trim(),
    });
  }

  function next() {
    if (loading || !nextCursor) return;
    focusTable.current = true;
    setCursors([...(cursors.length === 0 ? [cursor] : cursors), nextCursor]);
  }
  function previous() {
    if (loading || cursors.length <= 1) return;
    focusTable.current = true;
    setCursors(cursors.slice(0, -1));
  }

  const pager = (
    <nav class="pager" aria-label="Licence pages">
      <button type="button" class="button" onClick={previous} disabled={cursors.length <= 1}>
        <span aria-hidden="true">← </span>Previous
      </button>
      <span class="pager-status" aria-live="polite">
        {loading ? "Loading…" : `Page ${pageIndex + 1}, ${items.length} ${items.length === 1 ? "licence" : "licences"}`}
      </span>
      <button type="button" class="button" onClick={next} disabled={!nextCursor}>
        Next<span aria-hidden="true"> →</span>
      </button>
    </nav>
  );

  return (
    <>
      <PageHeading title="Licensing casework">Licensing casework</PageHeading>
      <p class="lead">
        Applications to review and decide, and every licence the Regulator holds. Open a licence to see its evidence and
        act on it.
      </p>
      <form class="panel panel-wide search-form" role="search" aria-label="Filter the licences" onSubmit={submit}>
        <div class="form-grid">
          <div class="field">
            <label for="queue-status">Status</label>
            <select id="queue-status" value={form.status} onChange={(e) => setForm({ ...form, status: e.currentTarget.value })}>
              <option value={AWAITING}>Awaiting a decision</option>
              {LICENCE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
              <option value="all">Any status</option>
            </select>
          </div>
          <div class="field">
            <label for="queue-kind">Licence</label>
            <select id="queue-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.currentTarget.value })}>
              <option value="">Any licence</option>
              {LICENCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="queue-name">Provider name</label>
            <input
              id="queue-name"
              type="search"
              autoComplete="off"
              value={form.name}
              onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
            />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary">
            Show licences
          </button>
        </div>
      </form>
      <ErrorMessage message={error} />
      {pager}
      <div
        class="table-wrap"
        ref={tableRef}
        tabIndex={0}
        role="region"
        aria-label="Licences"
        aria-busy={loading ? "true" : "false"}
      >
        <table class="data-table stack-table queue-table">
          <caption class="visually-hidden">Licences, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">No.</th>
              <th scope="col">Provider</th>
              <th scope="col">Licence</th>
              <th scope="col">Status</th>
              <th scope="col">Applied</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-licence-id={item.id}>
                <td data-label="No.">{item.id}</td>
                <td data-label="Provider">
                  <a href={href(`/licences/${item.id}`)}>{item.provider_name}</a>
                </td>
                <td data-label="Licence">{kindLabel(item.kind)}</td>
                <td data-label="Status">
                  <div>
                    <StatusBadge status={item.status} />
                    {item.scope_restriction && <span class="muted"> {sectorLabel(item.scope_restriction)} only</span>}
                  </div>
                </td>
                <td data-label="Applied">{formatDate(item.applied_at)}</td>
              </tr>
            ))}
            {!loading && !error && items.length === 0 && (
              <tr>
                <td colSpan={5} class="empty">
                  {status === AWAITING ? "No application is waiting for a decision." : "No licence matches."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

// ---- one licence ----

interface ActionState {
  busy: boolean;
  error: ApiError | null;
}

/** Clears the message of the last action when another one starts. */
const ActionStarted = createContext<() => void>(() => undefined);

/** Runs one action against the API: busy while it runs, the API's error if it fails. */
function useAction(onDone: (licence: LicenceView, message: string) => void) {
  const [state, setState] = useState<ActionState>({ busy: false, error: null });
  const started = useContext(ActionStarted);
  async function run(call: () => Promise<LicenceView>, message: string): Promise<boolean> {
    started();
    setState({ busy: true, error: null });
    try {
      const licence = await call();
      setState({ busy: false, error: null });
      onDone(licence, message);
      return true;
    } catch (caught) {
      setState({ busy: false, error: asApiError(caught, "The action failed. Please try again.") });
      return false;
    }
  }
  return { ...state, run, clearError: () => setState({ busy: false, error: null }) };
}

function LicenceCasePage({ idText, me }: { idText: string; me: Me }) {
  const id = /^[1-9][0-9]{0,15}$/.test(idText) ? Number(idText) : null;
  const [licence, setLicence] = useState<LicenceView | null>(null);
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (id === null) return undefined;
    const controller = new AbortController();
    getLicence(id, controller.signal)
      .then(setLicence)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = asApiError(caught, "The licence could not be loaded.");
        setError(apiError.status === 404 ? "There is no licence with this number." : apiError.message);
      });
    getChecklist(controller.signal)
      .then(setChecklist)
      .catch(() => undefined);
    return () => controller.abort();
  }, [id]);

  function acted(updated: LicenceView, message: string) {
    setLicence(updated);
    setDone(message);
    setTimeout(() => doneRef.current?.focus(), 0);
  }

  const back = (
    <p class="back-link">
      <a href={href(lastQueueSearch ? `/licences?${lastQueueSearch}` : "/licences")}>
        <span aria-hidden="true">← </span>Licensing casework
      </a>
    </p>
  );

  if (id === null || error || !licence) {
    return (
      <>
        {back}
        <PageHeading title="Licence">Licence</PageHeading>
        {id === null || error ? (
          <ErrorMessage message={error ?? "There is no licence with this number."} />
        ) : (
          <p class="loading" role="status">
            Loading…
          </p>
        )}
      </>
    );
  }

  // Forms start afresh after every change to the licence.
  const version = `${licence.status}:${licence.decisions.length}:${licence.open_proposal?.proposed_at ?? ""}:${licence.scope_restriction ?? ""}`;
  const onRegister = ["granted", "suspended", "revoked", "refused"].includes(licence.status);

  const actions = (
    <section class="panel panel-wide" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <Actions key={version} licence={licence} onDone={acted} />
    </section>
  );
  const details = (
    <div class="columns">
      <section class="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <SummaryList
          rows={[
            ["Provider", `${licence.provider_name} (provider ${licence.provider_id})`],
            ["Licence", kindLabel(licence.kind)],
            ["Status", <StatusBadge status={licence.status} />],
            ["Scope", licence.scope_restriction ? `${sectorLabel(licence.scope_restriction)} only (temporary)` : "Full"],
            ["Applied", formatTime(licence.applied_at)],
            ["Granted on", formatDate(licence.granted_on)],
            ["Checklist", `version ${licence.checklist_version}`],
            ["Fee", licence.fee_posting_id ? `${formatPounds(APPLICATION_FEE_PENCE)}, ledger posting ${licence.fee_posting_id}` : "—"],
          ]}
        />
        {onRegister && (
          <p>
            <a href={href(`/register/${licence.id}`)}>See it on the public register</a>
          </p>
        )}
      </section>
      <section class="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">Decisions and reasons</h2>
        <DecisionHistory decisions={licence.decisions} />
      </section>
    </div>
  );
  // While the application is being decided, the evidence comes first.
  const deciding = licence.status === "applied" || licence.status === "under_review";
  const evidence = (
    <section class="panel panel-wide" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence and assessment</h2>
      <AssessmentTable
        assessment={licence.assessment}
        evidence={licence.evidence}
        items={checklist?.items ?? []}
        caption={`Evidence and assessment of licence ${licence.id}`}
      />
    </section>
  );

  return (
    <ActionStarted.Provider value={() => setDone(null)}>
      {back}
      <PageHeading title={`Licence ${licence.id}`}>
        {licence.provider_name}: licence {licence.id}
      </PageHeading>
      <p class="lead entry-lead">
        {kindLabel(licence.kind)} <StatusBadge status={licence.status} />
      </p>
      <div ref={doneRef} tabIndex={-1} class="status-holder">
        {done && (
          <div class="message message-success" role="status">
            <p>{done}</p>
          </div>
        )}
      </div>

      {licence.open_proposal && <OpenProposalPanel key={version} licence={licence} me={me} onDone={acted} />}
      {deciding && evidence}
      {actions}
      {details}
      {!deciding && evidence}
    </ActionStarted.Provider>
  );
}

type OnDone = (licence: LicenceView, message: string) => void;

function Actions({ licence, onDone }: { licence: LicenceView; onDone: OnDone }) {
  switch (licence.status) {
    case "applied":
      return <StartReviewAction licence={licence} onDone={onDone} />;
    case "under_review":
      return <DecisionAction licence={licence} onDone={onDone} />;
    case "granted":
    case "suspended":
      return (
        <div class="action-list">
          {licence.status === "suspended" && <ReinstateAction licence={licence} onDone={onDone} />}
          {licence.open_proposal ? (
            <p class="muted">A proposal is open on this licence: confirm or withdraw it above before proposing another.</p>
          ) : (
            <ProposalAction licence={licence} onDone={onDone} />
          )}
          <ScopeAction licence={licence} onDone={onDone} />
        </div>
      );
    default:
      return (
        <p class="muted">
          This licence is {statusLabel(licence.status).toLowerCase()}: there is nothing more to decide. The provider can
          apply again.
        </p>
      );
  }
}

function ActionBlock({ title, children }: { title: string; children: ComponentChildren }) {
  const id = `action-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <div class="action-block" role="group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </div>
  );
}

function ReasonsField({
  id,
  label,
  value,
  onInput,
  error,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  error: ApiError | null;
  hint?: string;
}) {
  const invalid = errorIsFor(error, "reasons");
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        rows={3}
        maxLength={5000}
        value={value}
        aria-invalid={invalid ? "true" : undefined}
        aria-describedby={describedBy(hint && `${id}-hint`, invalid && `${id}-error`)}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <FieldError id={`${id}-error`} message={invalid ? error?.message ?? null : null} />
    </div>
  );
}

/** The API's error for an action, unless it is shown beside its field already. */
function ActionError({ error, fields }: { error: ApiError | null; fields: string[] }) {
  const byField = fields.some((field) => errorIsFor(error, field));
  return <ErrorMessage message={error && !byField ? error.message : null} />;
}

function StartReviewAction({ licence, onDone }: { licence: LicenceView; onDone: OnDone }) {
  const action = useAction(onDone);
  return (
    <ActionBlock title="Start the review">
      <p>The application is waiting. Start the review to decide it; the provider sees that it is under review.</p>
      <ActionError error={action.error} fields={[]} />
      <button
        type="button"
        class="button button-primary"
        disabled={action.busy}
        onClick={() => action.run(() => startReview(licence.id), "Review started. Check the evidence, then grant or refuse.")}
      >
        {action.busy ? "Starting…" : "Start review"}
      </button>
    </ActionBlock>
  );
}

function DecisionAction({ licence, onDone }: { licence: LicenceView; onDone: OnDone }) {
  const action = useAction(onDone);
  const [decision, setDecision] = useState<"grant" | "refuse" | "">("");
  const [reasons, setReasons] = useState("");
  const [scope, setScopeValue] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const failing = licence.assessment.filter((item) => !item.passed).map((item) => item.item);

  function check(event: Event) {
    event.preventDefault();
    action.clearError();
    if (decision === "") return setProblem("Choose to grant or to refuse the licence.");
    if (reasons.trim() === "") return setProblem("Give the reasons for the decision: they go on the public register.");
    setProblem(null);
    if (decision === "refuse") setConfirming(true);
    else void send();
  }

  async function send() {
    const ok = await action.run(
      () => decide(licence.id, decision as "grant" | "refuse", reasons.trim(), decision === "grant" && scope ? scope : null),
      decision === "grant" ? "Licence granted. The decision and its reasons are on the public register." : "Application refused, with reasons.",
    );
    if (!ok) setConfirming(false);
  }

  return (
    <ActionBlock title="Decide the application">
      {failing.length > 0 ? (
        <p class="message message-warning">
          The evidence does not meet the standard on {failing.length} checklist {failing.length === 1 ? "item" : "items"}
          : {failing.join(", ")}. A licence can only be granted when every item meets the standard.
        </p>
      ) : (
        <p>Every checklist item meets the standard.</p>
      )}
      <ErrorMessage message={problem} />
      <ActionError error={action.error} fields={["reasons"]} />
      {confirming ? (
        <ConfirmStep
          confirmLabel="Refuse the application"
          busy={action.busy}
          onConfirm={send}
          onCancel={() => setConfirming(false)}
        >
          <p>
            <strong>Refuse {licence.provider_name}'s application?</strong> The refusal and your reasons go on the public
            register. The provider can appeal or apply again.
          </p>
        </ConfirmStep>
      ) : (
        <form onSubmit={check} noValidate>
          <fieldset class="field choice-group">
            <legend>Decision</legend>
            <div class="choices choices-inline">
              <label class="choice">
                <input type="radio" name="decision" value="grant" checked={decision === "grant"} onChange={() => setDecision("grant")} />
                Grant
              </label>
              <label class="choice">
                <input type="radio" name="decision" value="refuse" checked={decision === "refuse"} onChange={() => setDecision("refuse")} />
                Refuse
              </label>
            </div>
          </fieldset>
          {decision === "grant" && (
            <div class="field">
              <label for="decision-scope">Scope restriction (optional)</label>
              <select id="decision-scope" value={scope} onChange={(e) => setScopeValue(e.currentTarget.value)} aria-describedby="decision-scope-hint">
                <option value="">No restriction</option>
                {SECTORS.map((sector) => (
                  <option key={sector} value={sector}>
                    {sectorLabel(sector)} only
                  </option>
                ))}
              </select>
              <p id="decision-scope-hint" class="hint">
                A temporary restriction while the sectors merge (LIC-7); you can lift it later.
              </p>
            </div>
          )}
          <ReasonsField
            id="decision-reasons"
            label="Reasons for the decision"
            hint="Published on the register with the decision."
            value={reasons}
            onInput={setReasons}
            error={action.error}
          />
          <button type="submit" class="button button-primary" disabled={action.busy}>
            {action.busy ? "Recording…" : decision === "refuse" ? "Refuse…" : "Record the decision"}
          </button>
        </form>
      )}
    </ActionBlock>
  );
}

function ProposalAction({ licence, onDone }: { licence: LicenceView; onDone: OnDone }) {
  const action = useAction(onDone);
  const canSuspend = licence.status === "granted";
  const [kind, setKind] = useState<"suspend" | "revoke" | "">(canSuspend ? "" : "revoke");
  const [grounds, setGrounds] = useState("");
  const [reasons, setReasons] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const noun = kind === "suspend" ? "suspension" : "revocation";

  function check(event: Event) {
    event.preventDefault();
    action.clearError();
    if (kind === "") return setProblem("Choose to propose suspension or revocation.");
    if (grounds === "") return setProblem("Choose the grounds (LIC-6).");
    if (reasons.trim() === "") return setProblem("Give the reasons for the proposal.");
    setProblem(null);
    setConfirming(true);
  }

  async function send() {
    const ok = await action.run(
      () => propose(licence.id, kind as "suspend" | "revoke", grounds, reasons.trim()),
      `Proposal of ${noun} recorded. A different regulator must now confirm it.`,
    );
    if (!ok) setConfirming(false);
  }

  return (
    <ActionBlock title={canSuspend ? "Propose suspension or revocation" : "Propose revocation"}>
      <p class="hint">Four eyes (X-5): the proposal takes effect only when a different regulator confirms it.</p>
      <ErrorMessage message={problem} />
      <ActionError error={action.error} fields={["reasons"]} />
      {confirming ? (
        <ConfirmStep
          confirmLabel={`Propose ${noun}`}
          busy={action.busy}
          onConfirm={send}
          onCancel={() => setConfirming(false)}
        >
          <p>
            <strong>
              Propose the {noun} of {licence.provider_name}'s licence?
            </strong>{" "}
            Grounds: {groundsLabel(grounds)}. {kind === "suspend" ? "While suspended, the provider takes no new customers." : "A revoked provider takes no new customers and its customers choose again."}
          </p>
        </ConfirmStep>
      ) : (
        <form onSubmit={check} noValidate>
          {canSuspend && (
            <fieldset class="field choice-group">
              <legend>Proposal</legend>
              <div class="choices choices-inline">
                <label class="choice">
                  <input type="radio" name="proposal" value="suspend" checked={kind === "suspend"} onChange={() => setKind("suspend")} />
                  Suspend
                </label>
                <label class="choice">
                  <input type="radio" name="proposal" value="revoke" checked={kind === "revoke"} onChange={() => setKind("revoke")} />
                  Revoke
                </label>
              </div>
            </fieldset>
          )}
          <div class="field">
            <label for="proposal-grounds">Grounds</label>
            <select
              id="proposal-grounds"
              value={grounds}
              aria-invalid={errorIsFor(action.error, "grounds") ? "true" : undefined}
              onChange={(e) => setGrounds(e.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {GROUNDS.map((value) => (
                <option key={value} value={value}>
                  {groundsLabel(value)}
                </option>
              ))}
            </select>
          </div>
          <ReasonsField id="proposal-reasons" label="Reasons for the proposal" value={reasons} onInput={setReasons} error={action.error} />
          <button type="submit" class="button button-primary" disabled={action.busy}>
            Propose…
          </button>
        </form>
      )}
    </ActionBlock>
  );
}

function OpenProposalPanel({ licence, me, onDone }: { licence: LicenceView; me: Me; onDone: OnDone }) {
  const proposal = licence.open_proposal!;
  const confirmAction = useAction(onDone);
  const withdrawAction = useAction(onDone);
  const [confirming, setConfirming] = useState(false);
  const noun = proposal.action === "suspend" ? "suspension" : "revocation";
  const mine = proposal.proposed_by === me.username;
  const error = confirmAction.error ?? withdrawAction.error;
  const busy = confirmAction.busy || withdrawAction.busy;

  async function confirm() {
    await confirmAction.run(
      () => confirmProposal(licence.id),
      proposal.action === "suspend" ? "Suspension confirmed: the licence is suspended." : "Revocation confirmed: the licence is revoked.",
    );
    setConfirming(false);
  }

  return (
    <section class="panel panel-wide proposal-panel" aria-labelledby="proposal-heading">
      <h2 id="proposal-heading">Open proposal: {noun}</h2>
      <SummaryList
        rows={[
          ["Proposed by", <strong>{proposal.proposed_by}</strong>],
          ["Proposed at", formatTime(proposal.proposed_at)],
          ["Grounds", groundsLabel(proposal.grounds)],
          ["Reasons", <span class="reasons-text">{proposal.reasons}</span>],
        ]}
      />
      {mine ? (
        <p class="message message-warning">You made this proposal: a different regulator must confirm it (four eyes).</p>
      ) : (
        <p class="hint">Confirm only if you agree, on the evidence, with the proposal and its reasons.</p>
      )}
      <div id="proposal-error">
        <ErrorMessage message={error ? error.message : null} />
      </div>
      {confirming ? (
        <ConfirmStep
          confirmLabel={`Confirm the ${noun}`}
          busy={busy}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          <p>
            <strong>
              Confirm the {noun} of {licence.provider_name}'s licence, proposed by {proposal.proposed_by}?
            </strong>{" "}
            It takes effect at once and goes on the public register with the reasons.
          </p>
        </ConfirmStep>
      ) : (
        <div class="actions">
          <button
            type="button"
            class="button button-danger"
            disabled={busy}
            onClick={() => {
              confirmAction.clearError();
              withdrawAction.clearError();
              setConfirming(true);
            }}
          >
            Confirm {noun}…
          </button>
          <button
            type="button"
            class="button"
            disabled={busy}
            onClick={() => {
              confirmAction.clearError();
              void withdrawAction.run(() => withdrawProposal(licence.id), "Proposal withdrawn. The licence is unchanged.");
            }}
          >
            {withdrawAction.busy ? "Withdrawing…" : "Withdraw the proposal"}
          </button>
        </div>
      )}
    </section>
  );
}

function ReinstateAction({ licence, onDone }: { licence: LicenceView; onDone: OnDone }) {
  const action = useAction(onDone);
  const [reasons, setReasons] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: Event) {
    event.preventDefault();
    action.clearError();
    if (reasons.trim() === "") return setProblem("Give the reasons for reinstating the licence.");
    setProblem(null);
    void action.run(() => reinstate(licence.id, reasons.trim()), "Licence reinstated: it is granted again.");
  }

  return (
    <ActionBlock title="Reinstate the licence">
      <ErrorMessage message={problem} />
      <ActionError error={action.error} fields={["reasons"]} />
      <form onSubmit={submit} noValidate>
        <ReasonsField id="reinstate-reasons" label="Reasons for reinstating" value={reasons} onInput={setReasons} error={action.error} />
        <button type="submit" class="button button-primary" disabled={action.busy}>
          {action.busy ? "Reinstating…" : "Reinstate"}
        </button>
      </form>
    </ActionBlock>
  );
}

function ScopeAction({ licence, onDone }: { licence: LicenceView; onDone: OnDone }) {
  const action = useAction(onDone);
  const [scope, setScopeValue] = useState(licence.scope_restriction ?? "");
  const [reasons, setReasons] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const lifting = scope === "" && licence.scope_restriction !== null;
  const unchanged = scope === (licence.scope_restriction ?? "");

  function submit(event: Event) {
    event.preventDefault();
    action.clearError();
    if (unchanged) return setProblem("Choose a different scope first.");
    if (reasons.trim() === "") return setProblem("Give the reasons for the change of scope.");
    setProblem(null);
    void action.run(
      () => setScope(licence.id, scope === "" ? null : scope, reasons.trim()),
      scope === "" ? "Scope restriction lifted: the licence covers every sector." : `Licence restricted to ${sectorLabel(scope).toLowerCase()}.`,
    );
  }

  return (
    <ActionBlock title="Scope restriction">
      <p class="hint">
        Now: {licence.scope_restriction ? `${sectorLabel(licence.scope_restriction)} only` : "no restriction"}. A temporary
        restriction while sectors merge (LIC-7).
      </p>
      <ErrorMessage message={problem} />
      <ActionError error={action.error} fields={["reasons"]} />
      <form onSubmit={submit} noValidate>
        <div class="field">
          <label for="scope-sector">Restrict to</label>
          <select id="scope-sector" value={scope} onChange={(e) => setScopeValue(e.currentTarget.value)}>
            <option value="">No restriction (every sector)</option>
            {SECTORS.map((sector) => (
              <option key={sector} value={sector}>
                {sectorLabel(sector)} only
              </option>
            ))}
          </select>
        </div>
        <ReasonsField id="scope-reasons" label="Reasons for the change of scope" value={reasons} onInput={setReasons} error={action.error} />
        <button type="submit" class="button" disabled={action.busy || unchanged}>
          {lifting ? "Lift the restriction" : "Set the restriction"}
        </button>
      </form>
    </ActionBlock>
  );
}
