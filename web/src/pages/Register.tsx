// The public register of licences (LIC-8): anyone, logged in or not, searches it and opens an
// entry to see the provider and every decision with its reasons.
//
// The search lives in the address (#/register?name=...&status=granted), so the back button and a
// shared link both return to the same results.

import { useEffect, useRef, useState } from "preact/hooks";
import {
  getAllAreas,
  getRegisterEntry,
  kindLabel,
  legalFormLabel,
  LICENCE_KINDS,
  formatDate,
  REGISTER_STATUSES,
  searchRegister,
  sectorLabel,
  SECTORS,
  sizeLabel,
  statusLabel,
  type Area,
  type LicencePage,
  type RegisterEntry,
  type RegisterQuery,
} from "../licensing";
import type { PageProps } from "../nav";
import { currentQuery, href, navigateWithQuery, useQuery } from "../router";
import { getRubric, providerFindings, type Inspection, type Rubric } from "../regulation";
import { ErrorMessage, PageHeading } from "./common";
import { asApiError, DecisionHistory, StatusBadge, SummaryList } from "./licensing-common";
import { FindingCard } from "./regulation-common";

const FILTERS = ["name", "status", "kind", "sector", "area"] as const;

/** The last search, so "Back to the results" from an entry returns to it. */
let lastSearch = "";

export function RegisterPage({ rest }: PageProps) {
  if (rest !== "") return <RegisterEntryPage idText={rest} />;
  return <RegisterSearchPage />;
}

/** Every district; null while loading, empty if they could not be loaded. */
function useAreas(): Area[] | null {
  const [areas, setAreas] = useState<Area[] | null>(null);
  useEffect(() => {
    let live = true;
    getAllAreas()
      .then((all) => live && setAreas(all))
      .catch(() => live && setAreas([])); // the area filter falls back to a code
    return () => {
      live = false;
    };
  }, []);
  return areas;
}

function RegisterSearchPage() {
  const query = useQuery();
  const applied: RegisterQuery = {};
  for (const key of FILTERS) applied[key] = query.get(key) ?? "";
  const appliedKey = FILTERS.map((key) => applied[key]).join("\u0000");

  const [form, setForm] = useState<RegisterQuery>(applied);
  const [cursors, setCursors] = useState<(number | null)[]>([null]);
  const [reply, setReply] = useState<LicencePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const areas = useAreas();
  const resultsRef = useRef<HTMLDivElement>(null);
  const focusResults = useRef(false);
  const pageIndex = cursors.length - 1;
  const after = cursors[pageIndex];

  // A new search (from the form or the address) starts again at the first page.
  useEffect(() => {
    setForm(applied);
    setCursors([null]);
    lastSearch = currentQuery();
  }, [appliedKey]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    searchRegister(applied, after, controller.signal)
      .then((page) => {
        setReply(page);
        setLoading(false);
        if (focusResults.current) {
          focusResults.current = false;
          resultsRef.current?.focus();
        }
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The register could not be searched.").message);
        setReply(null);
        setLoading(false);
      });
    return () => controller.abort();
  }, [appliedKey, after, pageIndex]);

  function submit(event: Event) {
    event.preventDefault();
    focusResults.current = true;
    navigateWithQuery("/register", { ...form, name: form.name?.trim() });
  }

  function clear() {
    setForm({});
    navigateWithQuery("/register", {});
  }

  const set = (key: keyof RegisterQuery) => (event: Event) =>
    setForm({ ...form, [key]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value });

  const items = reply?.items ?? [];
  const canNext = reply?.next_after != null;
  const canPrevious = pageIndex > 0;
  const filtered = FILTERS.some((key) => applied[key] !== "");

  function next() {
    if (loading || reply?.next_after == null) return;
    focusResults.current = true;
    setCursors([...cursors, reply.next_after]);
  }
  function previous() {
    if (loading || pageIndex === 0) return;
    focusResults.current = true;
    setCursors(cursors.slice(0, -1));
  }

  const pager = (where: string) => (
    <nav class="pager" aria-label={`Register result pages (${where})`}>
      <button type="button" class="button" onClick={previous} disabled={!canPrevious}>
        <span aria-hidden="true">← </span>Previous
      </button>
      <span class="pager-status" aria-live={where === "top" ? "polite" : undefined}>
        {loading ? "Searching…" : `Page ${pageIndex + 1}, ${items.length} ${items.length === 1 ? "licence" : "licences"}`}
      </span>
      <button type="button" class="button" onClick={next} disabled={!canNext}>
        Next<span aria-hidden="true"> →</span>
      </button>
    </nav>
  );

  return (
    <>
      <PageHeading title="Public register">Public register of licences</PageHeading>
      <p class="lead">
        Every provider licensed to deliver public services, and every licence suspended, revoked or refused, with the
        Regulator's reasons. Anyone may search it.
      </p>

      <form class="panel panel-wide search-form" role="search" aria-label="Search the register" onSubmit={submit}>
        <div class="form-grid">
          <div class="field field-wide">
            <label for="register-name">Provider name</label>
            <input id="register-name" type="search" value={form.name ?? ""} onInput={set("name")} autoComplete="off" />
          </div>
          <div class="field">
            <label for="register-status">Status</label>
            <select id="register-status" value={form.status ?? ""} onChange={set("status")}>
              <option value="">Any status</option>
              {REGISTER_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {statusLabel(status)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="register-kind">Licence</label>
            <select id="register-kind" value={form.kind ?? ""} onChange={set("kind")}>
              <option value="">Any licence</option>
              {LICENCE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {kindLabel(kind)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="register-sector">Sector</label>
            <select id="register-sector" value={form.sector ?? ""} onChange={set("sector")}>
              <option value="">Any sector</option>
              {SECTORS.map((sector) => (
                <option key={sector} value={sector}>
                  {sectorLabel(sector)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="register-area">Area</label>
            {areas === null ? (
              <select id="register-area" disabled>
                <option>Loading districts…</option>
              </select>
            ) : areas.length > 0 ? (
              <select id="register-area" value={form.area ?? ""} onChange={set("area")}>
                <option value="">Anywhere</option>
                {areas.map((area) => (
                  <option key={area.code} value={area.code}>
                    {area.name}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id="register-area"
                type="text"
                value={form.area ?? ""}
                onInput={set("area")}
                placeholder="District code, e.g. E08000003"
                autoComplete="off"
              />
            )}
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary">
            Search
          </button>
          {filtered && (
            <button type="button" class="button" onClick={clear}>
              Clear the search
            </button>
          )}
        </div>
      </form>

      <ErrorMessage message={error} />
      {pager("top")}
      <div
        class="table-wrap"
        ref={resultsRef}
        tabIndex={0}
        role="region"
        aria-label={`Register results, page ${pageIndex + 1}`}
        aria-busy={loading ? "true" : "false"}
      >
        <table class="data-table stack-table register-table">
          <caption class="visually-hidden">Licences on the register, page {pageIndex + 1}</caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Licence</th>
              <th scope="col">Status</th>
              <th scope="col">Scope</th>
              <th scope="col">Granted on</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-licence-id={item.id}>
                <td data-label="Provider">
                  <a href={href(`/register/${item.id}`)}>{item.provider_name}</a>
                </td>
                <td data-label="Licence">{kindLabel(item.kind)}</td>
                <td data-label="Status">
                  <div>
                    <StatusBadge status={item.status} />
                  </div>
                </td>
                <td data-label="Scope">{item.scope_restriction ? `${sectorLabel(item.scope_restriction)} only` : "Full"}</td>
                <td data-label="Granted on">{formatDate(item.granted_on)}</td>
              </tr>
            ))}
            {!loading && !error && items.length === 0 && (
              <tr>
                <td colSpan={5} class="empty">
                  {filtered ? "No licence on the register matches this search." : "The register is empty."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {items.length > 10 && pager("bottom")}
    </>
  );
}

function RegisterEntryPage({ idText }: { idText: string }) {
  const id = /^[1-9][0-9]{0,15}$/.test(idText) ? Number(idText) : null;
  const [entry, setEntry] = useState<RegisterEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const areas = useAreas();

  useEffect(() => {
    if (id === null) return undefined;
    const controller = new AbortController();
    setEntry(null);
    setError(null);
    getRegisterEntry(id, controller.signal)
      .then(setEntry)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = asApiError(caught, "The register entry could not be loaded.");
        setError(apiError.status === 404 ? "There is no licence with this number on the register." : apiError.message);
      });
    return () => controller.abort();
  }, [id]);

  const back = (
    <p class="back-link">
      <a href={href(lastSearch ? `/register?${lastSearch}` : "/register")}>
        <span aria-hidden="true">← </span>Back to the register
      </a>
    </p>
  );

  if (id === null || error) {
    return (
      <>
        {back}
        <PageHeading title="Register entry">Register entry</PageHeading>
        <ErrorMessage message={error ?? "There is no licence with this number on the register."} />
      </>
    );
  }
  if (!entry) {
    return (
      <>
        {back}
        <PageHeading title="Register entry">Register entry</PageHeading>
        <p class="loading" role="status">
          Loading…
        </p>
      </>
    );
  }

  const areaNames = new Map((areas ?? []).map((area) => [area.code, area.name]));
  const provider = entry.provider;
  return (
    <>
      {back}
      <PageHeading title={entry.provider_name}>{entry.provider_name}</PageHeading>
      <p class="lead entry-lead">
        {kindLabel(entry.kind)} <StatusBadge status={entry.status} />
      </p>
      <div class="columns">
        <section class="panel" aria-labelledby="licence-heading">
          <h2 id="licence-heading">Licence</h2>
          <SummaryList
            rows={[
              ["Licence number", String(entry.id)],
              ["Licence", kindLabel(entry.kind)],
              ["Status", <StatusBadge status={entry.status} />],
              ["Scope", entry.scope_restriction ? `${sectorLabel(entry.scope_restriction)} only (temporary restriction)` : "Full"],
              ["Applied", formatDate(entry.applied_at)],
              ["Granted on", formatDate(entry.granted_on)],
            ]}
          />
        </section>
        {provider && (
          <section class="panel" aria-labelledby="provider-heading">
            <h2 id="provider-heading">Provider</h2>
            <SummaryList
              rows={[
                ["Name", provider.name],
                ["Legal form", legalFormLabel(provider.legal_form)],
                ["Size", sizeLabel(provider.size)],
                ["Sectors", provider.sectors.map(sectorLabel).join(", ") || "—"],
                [
                  "Areas",
                  provider.areas.length === 0 ? (
                    "—"
                  ) : (
                    <ul class="tag-list">
                      {provider.areas.map((code) => (
                        <li key={code}>{areaNames.get(code) ?? code}</li>
                      ))}
                    </ul>
                  ),
                ],
              ]}
            />
          </section>
        )}
      </div>
      <ProviderFindings providerId={entry.provider_id} />
      <section class="panel panel-wide" aria-labelledby="history-heading">
        <h2 id="history-heading">Decisions and reasons</h2>
        <DecisionHistory decisions={entry.decisions} />
      </section>
      <section class="panel panel-wide complain-panel" aria-labelledby="complain-heading">
        <h2 id="complain-heading">Something wrong?</h2>
        <p>
          Poor service, a safeguarding worry, an inducement to choose this provider or misleading marketing: tell the
          Regulator. The provider must respond within 20 days.
        </p>
        <a
          class="button"
          href={href(
            `/complain?provider=${entry.provider_id}&name=${encodeURIComponent(entry.provider_name)}`,
          )}
        >
          Complain about this provider
        </a>
      </section>
    </>
  );
}

const FINDINGS_SHOWN = 3;

/** The provider's latest published inspection findings (REG-2), newest first. */
function ProviderFindings({ providerId }: { providerId: number }) {
  const [findings, setFindings] = useState<Inspection[] | null>(null);
  const [rubric, setRubric] = useState<Rubric | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setFindings(null);
    setError(null);
    providerFindings(providerId, FINDINGS_SHOWN, controller.signal)
      .then((page) => setFindings(page.items))
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The inspection findings could not be loaded.").message);
      });
    getRubric(controller.signal)
      .then(setRubric)
      .catch(() => undefined); // the findings show without the criteria's words
    return () => controller.abort();
  }, [providerId]);

  return (
    <section class="panel panel-wide findings-panel" aria-labelledby="findings-heading">
      <h2 id="findings-heading">Inspection findings</h2>
      <p class="hint">
        The Regulator's inspectors visit providers as mystery shoppers and score them against a published rubric (scores
        from 1, very poor, to 5, very good).
      </p>
      <ErrorMessage message={error} />
      {findings === null && !error && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {findings !== null && findings.length === 0 && <p class="muted">No published inspection findings yet.</p>}
      {findings !== null && findings.length > 0 && (
        <div class="finding-list">
          {findings.map((finding, index) => (
            <FindingCard
              key={finding.id}
              finding={finding}
              rubric={rubric}
              title={`${index === 0 ? "Latest visit" : "Visit"}: ${formatDate(finding.visit_date)}`}
            />
          ))}
        </div>
      )}
    </section>
  );
}
