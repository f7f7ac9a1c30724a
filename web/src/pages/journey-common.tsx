// Pieces shared by the citizen-journey pages: names from the catalogue and the rules, itemised
// prices (TAR-3), locked prices of a registration (TAR-4), the citizen's record, the person form
// and a one-shot notice carried from one page to the next.

import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ApiError } from "../api";
import {
  basisLabel,
  formatBasisPoints,
  formatLabel,
  formatPence,
  formatWeight,
  getAssessmentConfig,
  getCatalogue,
  namesFrom,
  routeLabel,
  sourceLabel,
  type AssessmentConfig,
  type Catalogue,
  type Choice,
  type CitizenView,
  type Names,
  type Quote,
  type QuoteItem,
  type Registration,
} from "../journey";
import { formatDate, formatTime, getAllAreas, type Area } from "../licensing";
import { href } from "../router";
import { describedBy, FieldError, SummaryList } from "./licensing-common";

export { formatBasisPoints };

// ---- a notice shown once on the next page ("Assessment saved", ...) ----

// Kept in sessionStorage so that it also survives the reload after signing up.
const NOTICE_KEY = "psl.notice";

export function setNotice(message: string): void {
  try {
    sessionStorage.setItem(NOTICE_KEY, message);
  } catch {
    // No storage: the next page simply shows no notice.
  }
}

/** The notice left by the previous page, taken once. */
export function useNotice(): string | null {
  const [notice] = useState(() => {
    try {
      const message = sessionStorage.getItem(NOTICE_KEY);
      sessionStorage.removeItem(NOTICE_KEY);
      return message;
    } catch {
      return null;
    }
  });
  return notice;
}

export function Notice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div class="message message-success" role="status">
      {message}
    </div>
  );
}

// ---- names ----

/** Names of End Results, outcomes and barriers; ids until the catalogue and rules arrive. */
export function useNames(): { names: Names; config: AssessmentConfig | null; catalogue: Catalogue | null } {
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [config, setConfig] = useState<AssessmentConfig | null>(null);
  useEffect(() => {
    let live = true;
    getCatalogue()
      .then((c) => live && setCatalogue(c))
      .catch(() => undefined);
    getAssessmentConfig()
      .then((c) => live && setConfig(c))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return { names: namesFrom(catalogue, config), config, catalogue };
}

export function useAreas(): Area[] | null {
  const [areas, setAreas] = useState<Area[] | null>(null);
  useEffect(() => {
    let live = true;
    getAllAreas()
      .then((all) => live && setAreas(all))
      .catch(() => live && setAreas([]));
    return () => {
      live = false;
    };
  }, []);
  return areas;
}

// ---- small pieces ----

export function FormatBadge({ format }: { format: string }) {
  return <span class={`status-badge format-badge format-${format}`}>{formatLabel(format)}</span>;
}

export function ChoiceStatusBadge({ status }: { status: string }) {
  const label = status === "open" ? "Open" : status === "registered" ? "Registered" : status.replace(/_/g, " ");
  return <span class={`status-badge choice-status choice-${status}`}>{label}</span>;
}

export function BarrierTags({ barriers, names }: { barriers: string[]; names: Names }) {
  if (barriers.length === 0) return <p class="muted">No barriers.</p>;
  return (
    <ul class="tag-list barrier-list" aria-label="Barriers">
      {barriers.map((barrier) => (
        <li key={barrier} data-barrier={barrier}>
          {names.barrier(barrier)}
        </li>
      ))}
    </ul>
  );
}

export function FORMAT_EXPLANATION(format: string): string {
  switch (format) {
    case "free":
      return "Free choice: the citizen chooses any licensed provider that can take them.";
    case "assisted":
      return "Assisted choice: the referring professional draws up a shortlist of 3 to 5 providers, and the citizen picks one.";
    case "professional":
      return "Professional choice: the referring professional chooses the provider on the citizen's behalf.";
    default:
      return formatLabel(format);
  }
}

// ---- prices ----

function itemKindLabel(item: QuoteItem): string {
  switch (item.kind) {
    case "core":
      return "Core payment";
    case "supplement":
      return "Supplement";
    case "geographic_weight":
      return "Geographic weight";
    case "cyclical_weight":
      return "Cyclical weight";
    case "rounding":
      return "Rounding";
    default:
      return item.kind;
  }
}

/** One King Outcome's price and its itemised explanation (TAR-3). */
export function PriceBreakdown({
  quote,
  names,
  locked,
}: {
  quote: Pick<Quote, "outcome" | "base_pence" | "geographic_weight" | "cyclical_weight" | "price_pence" | "tariff_version" | "items">;
  names: Names;
  locked?: boolean;
}) {
  return (
    <article class="price-card" data-outcome={quote.outcome}>
      <header class="price-head">
        <h3>{names.outcome(quote.outcome)}</h3>
        <p class="price-total">
          <span class="visually-hidden">{locked ? "Locked price: " : "Price: "}</span>
          <strong class="money">{formatPence(quote.price_pence)}</strong>
        </p>
      </header>
      <p class="price-formula">
        Base <span class="money price-base">{formatPence(quote.base_pence)}</span> × geographic weight{" "}
        {formatWeight(quote.geographic_weight)} × cyclical weight {formatWeight(quote.cyclical_weight)}, tariff version{" "}
        {quote.tariff_version}
      </p>
      <details class="disclosure price-items">
        <summary>How this price is worked out</summary>
        <table class="data-table price-table">
          <caption class="visually-hidden">Itemised price of {names.outcome(quote.outcome)}</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Explanation</th>
              <th scope="col" class="number">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {quote.items.map((item, index) => (
              <tr key={index} data-kind={item.kind}>
                <td>{itemKindLabel(item)}</td>
                <td>{item.label}</td>
                <td class="number">
                  {item.amount_pence !== undefined
                    ? formatPence(item.amount_pence)
                    : item.weight !== undefined
                      ? `× ${formatWeight(item.weight)}`
                      : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </article>
  );
}

export function PriceList({ prices, names, locked }: { prices: Quote[]; names: Names; locked?: boolean }) {
  if (prices.length === 0) return <p class="muted">No prices.</p>;
  return (
    <div class="price-list">
      {prices.map((quote) => (
        <PriceBreakdown key={quote.outcome} quote={quote} names={names} locked={locked} />
      ))}
    </div>
  );
}

// ---- a registration with its locked prices ----

export function RegistrationDetails({
  registration,
  names,
  citizenName,
}: {
  registration: Registration;
  names: Names;
  citizenName?: string | null;
}) {
  return (
    <>
      <section class="panel panel-wide" aria-labelledby="registration-heading">
        <h2 id="registration-heading">Registration</h2>
        <SummaryList
          rows={[
            ...(citizenName !== undefined ? ([["Customer", citizenName ?? "—"]] as [string, ComponentChildren][]) : []),
            ["Provider", <strong class="registered-provider">{registration.provider_name}</strong>],
            ["End Result", names.endResult(registration.end_result)],
            ["Registered on", <time dateTime={registration.registered_on}>{formatDate(registration.registered_on)}</time>],
            ["Format of choice", <FormatBadge format={registration.format} />],
            ["How the provider was chosen", basisLabel(registration.basis)],
            ["Barriers", registration.barriers.length === 0 ? "None" : registration.barriers.map(names.barrier).join(", ")],
            ["Tariff version", String(registration.tariff_version)],
            ["Status", registration.status === "active" ? "Active" : registration.status.replace(/_/g, " ")],
            ["Total locked price", <strong class="money registration-total">{formatPence(registration.total_price_pence)}</strong>],
          ]}
        />
      </section>
      <section class="panel panel-wide" aria-labelledby="locked-heading">
        <h2 id="locked-heading">Locked prices</h2>
        <p class="hint">
          These prices were fixed on the day of registration. The provider is paid them for each outcome it achieves, whatever
          later tariffs say, and no provider can offer a discount.
        </p>
        <div class="price-list">
          {registration.outcomes.map((outcome) => (
            <PriceBreakdown key={outcome.outcome} quote={outcome} names={names} locked />
          ))}
        </div>
      </section>
    </>
  );
}

// ---- the citizen's record ----

/**
 * A citizen's record: who, how they came in, the latest assessment with prices, the choices and
 * the registrations. `base` is where the record lives (/referrals/12 or /my-record); the
 * assessment, choice and registration pages are below it.
 */
export function CitizenRecordView({
  view,
  base,
  names,
  canAssess,
  youAre,
}: {
  view: CitizenView;
  base: string;
  names: Names;
  canAssess: boolean;
  /** The citizen looking at their own record. */
  youAre?: boolean;
}) {
  const assessment = view.assessment;
  return (
    <>
      <section class="panel panel-wide" aria-labelledby="person-heading">
        <h2 id="person-heading">{youAre ? "Your details" : "The citizen"}</h2>
        <SummaryList
          rows={[
            ["Name", view.full_name ?? "—"],
            ["Date of birth", formatDate(view.date_of_birth)],
            ["District", view.area_name ? `${view.area_name} (${view.area_code})` : (view.area_code ?? "—")],
            ...(view.national_insurance ? ([["National Insurance", view.national_insurance]] as [string, ComponentChildren][]) : []),
            ...(view.email ? ([["Email", view.email]] as [string, ComponentChildren][]) : []),
            ["Record number", String(view.id)],
          ]}
        />
      </section>

      <section class="table-section" aria-labelledby="entries-heading">
        <h2 id="entries-heading">How {youAre ? "you" : "they"} came in</h2>
        <div class="table-wrap">
          <table class="data-table stack-table entries-table">
            <caption class="visually-hidden">Entries, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Route</th>
                <th scope="col">Source</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {view.entries.map((entry) => (
                <tr key={entry.id}>
                  <td data-label="When">{formatTime(entry.recorded_at)}</td>
                  <td data-label="Route">
                    {routeLabel(entry.route)}
                    {entry.matched_existing && <span class="muted"> (matched an existing record)</span>}
                  </td>
                  <td data-label="Source">{sourceLabel(entry.source)}</td>
                  <td data-label="Notes">{entry.notes || <span class="muted">—</span>}</td>
                </tr>
              ))}
              {view.entries.length === 0 && (
                <tr>
                  <td colSpan={4} class="empty">
                    No entry yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section class="panel panel-wide assessment-panel" aria-labelledby="assessment-heading">
        <h2 id="assessment-heading">Single assessment</h2>
        {assessment ? (
          <>
            <p>
              Latest assessment taken on <strong>{formatDate(assessment.taken_on)}</strong> (questionnaire version{" "}
              {assessment.questionnaire_version}).
            </p>
            <h3>Barriers</h3>
            <BarrierTags barriers={assessment.barriers} names={names} />
            <h3>Eligible for</h3>
            {assessment.eligible_end_results.length === 0 ? (
              <p class="muted">No End Result on this assessment.</p>
            ) : (
              <ul class="eligible-list">
                {assessment.eligible_end_results.map((endResult) => (
                  <li key={endResult}>
                    <strong>{names.endResult(endResult)}</strong>:{" "}
                    {assessment.eligible_outcomes
                      .filter((outcome) => assessment.prices.some((p) => p.outcome === outcome && p.end_result === endResult))
                      .map(names.outcome)
                      .join("; ")}
                  </li>
                ))}
              </ul>
            )}
            {assessment.recommendations && (
              <>
                <h3>Professional recommendations</h3>
                <blockquote class="reasons-text recommendations">{assessment.recommendations}</blockquote>
              </>
            )}
            <h3>Prices today</h3>
            <p class="hint">
              What a provider would be paid for each outcome achieved: the same for every provider (no price competition).
            </p>
            <PriceList prices={assessment.prices} names={names} />
          </>
        ) : (
          <p class="muted">{youAre ? "You have not taken the assessment yet." : "Not assessed yet."}</p>
        )}
        {canAssess && (
          <p class="actions">
            <a class="button button-primary" href={href(`${base}/assessment`)}>
              {assessment ? "Take the assessment again" : youAre ? "Take the online assessment" : "Run the assessment"}
            </a>
          </p>
        )}
      </section>

      <ChoicesTable choices={view.choices} base={base} names={names} registrations={view.registrations} />
      <RegistrationsTable registrations={view.registrations} base={base} names={names} />
    </>
  );
}

export function ChoicesTable({
  choices,
  base,
  names,
  registrations,
}: {
  choices: Choice[];
  base: string;
  names: Names;
  registrations: Registration[];
}) {
  return (
    <section class="table-section" aria-labelledby="choices-heading">
      <h2 id="choices-heading">Choices of provider</h2>
      <div class="table-wrap">
        <table class="data-table stack-table choices-table">
          <caption class="visually-hidden">One choice per End Result</caption>
          <thead>
            <tr>
              <th scope="col">End Result</th>
              <th scope="col">Format</th>
              <th scope="col">Choose by</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {choices.map((choice) => {
              const registration = registrations.find(
                (r) => r.end_result === choice.end_result && r.status === "active",
              );
              return (
                <tr key={choice.id} data-end-result={choice.end_result}>
                  <td data-label="End Result">{names.endResult(choice.end_result)}</td>
                  <td data-label="Format">
                    <FormatBadge format={choice.format} />
                  </td>
                  <td data-label="Choose by">{formatDate(choice.deadline)}</td>
                  <td data-label="Status">
                    <ChoiceStatusBadge status={choice.status} />
                  </td>
                  <td data-label="Action">
                    {choice.status === "open" ? (
                      <a href={href(`${base}/choose/${choice.end_result}`)}>
                        Compare providers<span class="visually-hidden"> for {names.endResult(choice.end_result)}</span>
                      </a>
                    ) : registration ? (
                      <a href={href(`${base}/registrations/${registration.id}`)}>
                        {registration.provider_name}
                      </a>
                    ) : (
                      <a href={href(`${base}/choose/${choice.end_result}`)}>Details</a>
                    )}
                  </td>
                </tr>
              );
            })}
            {choices.length === 0 && (
              <tr>
                <td colSpan={5} class="empty">
                  No choice yet: the assessment opens one for each End Result.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RegistrationsTable({
  registrations,
  base,
  names,
}: {
  registrations: Registration[];
  base: string;
  names: Names;
}) {
  return (
    <section class="table-section" aria-labelledby="registrations-heading">
      <h2 id="registrations-heading">Registrations</h2>
      <div class="table-wrap">
        <table class="data-table stack-table registrations-table">
          <caption class="visually-hidden">Registrations with their locked prices</caption>
          <thead>
            <tr>
              <th scope="col">End Result</th>
              <th scope="col">Provider</th>
              <th scope="col">Registered</th>
              <th scope="col" class="number">
                Locked price
              </th>
            </tr>
          </thead>
          <tbody>
            {registrations.map((registration) => (
              <tr key={registration.id} data-registration-id={registration.id}>
                <td data-label="End Result">{names.endResult(registration.end_result)}</td>
                <td data-label="Provider">
                  <a href={href(`${base}/registrations/${registration.id}`)}>{registration.provider_name}</a>
                </td>
                <td data-label="Registered">{formatDate(registration.registered_on)}</td>
                <td data-label="Locked price" class="number money">
                  {formatPence(registration.total_price_pence)}
                </td>
              </tr>
            ))}
            {registrations.length === 0 && (
              <tr>
                <td colSpan={4} class="empty">
                  Not registered with a provider yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// ---- the person form (referral, self-referral, sign-up) ----

export interface PersonForm {
  full_name: string;
  date_of_birth: string;
  area_code: string;
  national_insurance: string;
  email: string;
}

export const EMPTY_PERSON: PersonForm = { full_name: "", date_of_birth: "", area_code: "", national_insurance: "", email: "" };

export type PersonField = keyof PersonForm;

/** The person field an API error names: "full_name" or "person.full_name". */
export function personFieldOf(error: ApiError | null): PersonField | null {
  const field = error?.field?.replace(/^person\./, "") ?? null;
  if (field === "full_name" || field === "date_of_birth" || field === "area_code" || field === "national_insurance" || field === "email") {
    return field;
  }
  if (field === "area") return "area_code";
  return null;
}

export function personBody(form: PersonForm) {
  return {
    full_name: form.full_name.trim(),
    date_of_birth: form.date_of_birth,
    area_code: form.area_code.trim().toUpperCase(),
    ...(form.national_insurance.trim() ? { national_insurance: form.national_insurance.trim() } : {}),
    ...(form.email.trim() ? { email: form.email.trim() } : {}),
  };
}

/** Checks the page makes before asking the server; the server checks everything again. */
export function checkPerson(form: PersonForm): { field: PersonField; message: string } | null {
  if (form.full_name.trim() === "") return { field: "full_name", message: "Enter the full name." };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date_of_birth)) return { field: "date_of_birth", message: "Enter the date of birth." };
  if (form.area_code.trim() === "") return { field: "area_code", message: "Choose the district where they live." };
  return null;
}

export function PersonFields({
  prefix,
  form,
  onChange,
  error,
  areas,
  you,
}: {
  prefix: string;
  form: PersonForm;
  onChange: (form: PersonForm) => void;
  error: { field: string | null; message: string } | null;
  areas: Area[] | null;
  /** Addressed to the citizen themselves ("your name"). */
  you?: boolean;
}) {
  const id = (field: PersonField) => `${prefix}-${field.replace(/_/g, "-")}`;
  const message = (field: PersonField) => (error?.field === field ? error.message : null);
  const invalid = (field: PersonField) => (error?.field === field ? "true" : undefined);
  const errorId = (field: PersonField) => `${id(field)}-error`;
  const set = (field: PersonField) => (event: Event) =>
    onChange({ ...form, [field]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  return (
    <>
      <div class="field">
        <label for={id("full_name")}>{you ? "Your full name" : "Full name"}</label>
        <input
          id={id("full_name")}
          type="text"
          autoComplete={you ? "name" : "off"}
          maxLength={200}
          value={form.full_name}
          aria-invalid={invalid("full_name")}
          aria-describedby={describedBy(message("full_name") && errorId("full_name"))}
          onInput={set("full_name")}
        />
        <FieldError id={errorId("full_name")} message={message("full_name")} />
      </div>
      <div class="form-grid form-grid-2">
        <div class="field">
          <label for={id("date_of_birth")}>Date of birth</label>
          <input
            id={id("date_of_birth")}
            type="date"
            class="input-date"
            autoComplete={you ? "bday" : "off"}
            max={new Date().toISOString().slice(0, 10)}
            value={form.date_of_birth}
            aria-invalid={invalid("date_of_birth")}
            aria-describedby={describedBy(message("date_of_birth") && errorId("date_of_birth"))}
            onInput={set("date_of_birth")}
          />
          <FieldError id={errorId("date_of_birth")} message={message("date_of_birth")} />
        </div>
        <div class="field">
          <label for={id("area_code")}>District where {you ? "you live" : "they live"}</label>
          {areas !== null && areas.length > 0 ? (
            <select
              id={id("area_code")}
              value={form.area_code}
              aria-invalid={invalid("area_code")}
              aria-describedby={describedBy(message("area_code") && errorId("area_code"))}
              onChange={set("area_code")}
            >
              <option value="">Choose…</option>
              {areas.map((area) => (
                <option key={area.code} value={area.code}>
                  {area.name}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={id("area_code")}
              type="text"
              placeholder={areas === null ? "Loading districts…" : "District code, e.g. E08000021"}
              value={form.area_code}
              aria-invalid={invalid("area_code")}
              aria-describedby={describedBy(message("area_code") && errorId("area_code"))}
              onInput={set("area_code")}
            />
          )}
          <FieldError id={errorId("area_code")} message={message("area_code")} />
        </div>
      </div>
      <div class="form-grid form-grid-2">
        <div class="field">
          <label for={id("national_insurance")}>National Insurance number (optional)</label>
          <input
            id={id("national_insurance")}
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            maxLength={13}
            placeholder="QQ 12 34 56 C"
            value={form.national_insurance}
            aria-invalid={invalid("national_insurance")}
            aria-describedby={describedBy(
              `${id("national_insurance")}-hint`,
              message("national_insurance") && errorId("national_insurance"),
            )}
            onInput={set("national_insurance")}
          />
          <p id={`${id("national_insurance")}-hint`} class="hint">
            Helps find an existing record, so nobody has two.
          </p>
          <FieldError id={errorId("national_insurance")} message={message("national_insurance")} />
        </div>
        <div class="field">
          <label for={id("email")}>Email (optional)</label>
          <input
            id={id("email")}
            type="email"
            autoComplete={you ? "email" : "off"}
            value={form.email}
            aria-invalid={invalid("email")}
            aria-describedby={describedBy(message("email") && errorId("email"))}
            onInput={set("email")}
          />
          <FieldError id={errorId("email")} message={message("email")} />
        </div>
      </div>
    </>
  );
}

/** A page-sized loading line or error, for the journey pages. */
export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function BackLink({ to, children }: { to: string; children: ComponentChildren }) {
  return (
    <p class="back-link">
      <a href={href(to)}>
        <span aria-hidden="true">← </span>
        {children}
      </a>
    </p>
  );
}
