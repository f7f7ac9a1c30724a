// The referrer's caseload (ENT-1, ENT-2): the citizens they referred or assessed, the form to
// refer a citizen, and each citizen's journey below /referrals/{id}.

import { useEffect, useState } from "preact/hooks";
import type { Me } from "../api";
import { listCitizens, recordEntry, REFERRAL_SOURCES, sourceLabel, type Citizen } from "../journey";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { href, navigate } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { CitizenJourney } from "./CitizenRecord";
import {
  checkPerson,
  EMPTY_PERSON,
  Notice,
  personBody,
  personFieldOf,
  PersonFields,
  setNotice,
  useAreas,
  useNotice,
  type PersonForm,
} from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";
import { NotFoundPage } from "./Status";

export function CaseloadPage({ me, rest }: PageProps) {
  if (!me) return null; // referrers only (see nav.ts)
  if (rest === "") return <CaseloadList />;
  if (rest === "new") return <ReferPage />;
  const match = /^([1-9][0-9]{0,15})(?:\/(.*))?$/.exec(rest);
  if (!match) return <NotFoundPage />;
  const id = Number(match[1]);
  return (
    <CitizenJourney
      citizenId={id}
      base={`/referrals/${id}`}
      rest={match[2] ?? ""}
      me={me as Me}
      home={{ to: "/referrals", label: "Back to the caseload" }}
    />
  );
}

function CaseloadList() {
  const notice = useNotice();
  const [items, setItems] = useState<Citizen[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [before, setBefore] = useState<number[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const cursor = before.length === 0 ? null : before[before.length - 1];

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    listCitizens(cursor, controller.signal)
      .then((page) => {
        setItems(page.items);
        setNext(page.next_before);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The caseload could not be loaded.").message);
        setItems([]);
      });
    return () => controller.abort();
  }, [cursor]);

  return (
    <>
      <PageHeading title="Referrals">Your caseload</PageHeading>
      <p class="lead">
        The citizens you have referred or assessed, newest first. Open one to run the single assessment and help with the
        choice of provider.
      </p>
      <Notice message={notice} />
      <p>
        <a class="button button-primary" href={href("/referrals/new")}>
          Refer a citizen
        </a>
      </p>
      <ErrorMessage message={error} />
      <div class="table-wrap" role="region" aria-label="Caseload" tabIndex={0} aria-busy={items === null ? "true" : "false"}>
        <table class="data-table stack-table caseload-table">
          <caption class="visually-hidden">Citizens you referred or assessed</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">District</th>
              <th scope="col">Referred</th>
            </tr>
          </thead>
          <tbody>
            {(items ?? []).map((citizen) => (
              <tr key={citizen.id} data-citizen-id={citizen.id}>
                <td data-label="Name">
                  <a href={href(`/referrals/${citizen.id}`)}>{citizen.full_name ?? `Citizen ${citizen.id}`}</a>
                </td>
                <td data-label="Date of birth">{formatDate(citizen.date_of_birth)}</td>
                <td data-label="District">
                  <code>{citizen.area_code ?? "—"}</code>
                </td>
                <td data-label="Referred">{formatDate(citizen.created_at)}</td>
              </tr>
            ))}
            {items !== null && items.length === 0 && !error && (
              <tr>
                <td colSpan={4} class="empty">
                  No citizens yet. Refer one to start.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {(before.length > 0 || next !== null) && (
        <nav class="pager" aria-label="Caseload pages">
          <button type="button" class="button" disabled={before.length === 0} onClick={() => setBefore(before.slice(0, -1))}>
            <span aria-hidden="true">← </span>Newer
          </button>
          <button type="button" class="button" disabled={next === null} onClick={() => next !== null && setBefore([...before, next])}>
            Older<span aria-hidden="true"> →</span>
          </button>
        </nav>
      )}
    </>
  );
}

function ReferPage() {
  const areas = useAreas();
  const [source, setSource] = useState("");
  const [notes, setNotes] = useState("");
  const [person, setPerson] = useState<PersonForm>(EMPTY_PERSON);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  function fail(field: string | null, message: string) {
    setError({ field, message });
    setBusy(false);
    setTimeout(() => {
      const id = field === "source" ? "refer-source" : field === "notes" ? "refer-notes" : field ? `refer-${field.replace(/_/g, "-")}` : "refer-error";
      document.getElementById(id)?.focus();
    }, 0);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (source === "") return fail("source", "Choose who is referring them.");
    const problem = checkPerson(person);
    if (problem) return fail(problem.field, problem.message);
    setBusy(true);
    try {
      const made = await recordEntry({ route: "referral", source, notes: notes.trim() || undefined, person: personBody(person) });
      setNotice(
        made.matched_existing
          ? "This person already had a record: the referral was added to it (one record per citizen)."
          : "Referral recorded. Run the single assessment with them next.",
      );
      navigate(`/referrals/${made.citizen_id}`);
    } catch (caught) {
      const apiError = asApiError(caught, "The referral could not be recorded. Please try again.");
      const field = personFieldOf(apiError) ?? (apiError.field === "source" || apiError.field === "notes" ? apiError.field : null);
      fail(field, apiError.message);
    }
  }

  return (
    <>
      <p class="back-link">
        <a href={href("/referrals")}>
          <span aria-hidden="true">← </span>Back to the caseload
        </a>
      </p>
      <PageHeading title="Refer a citizen">Refer a citizen</PageHeading>
      <p class="lead">
        Record a referral into PSL. If the person already has a record (the same National Insurance number, or the same name,
        date of birth and district), the referral is added to it rather than making a second one.
      </p>
      <ErrorMessage id="refer-error" message={error && !error.field ? error.message : null} />
      <form class="panel form-panel" onSubmit={submit} noValidate>
        <div class="field">
          <label for="refer-source">Referred by</label>
          <select
            id="refer-source"
            value={source}
            aria-invalid={error?.field === "source" ? "true" : undefined}
            aria-describedby={describedBy("refer-source-hint", error?.field === "source" && "refer-source-error")}
            onChange={(e) => setSource(e.currentTarget.value)}
          >
            <option value="">Choose…</option>
            {REFERRAL_SOURCES.map((s) => (
              <option key={s} value={s}>
                {sourceLabel(s)}
              </option>
            ))}
          </select>
          <p id="refer-source-hint" class="hint">
            The source decides the format of choice: a JobCentre referral for work is assisted choice, a court, probation or
            police referral professional choice.
          </p>
          <FieldError id="refer-source-error" message={error?.field === "source" ? error.message : null} />
        </div>
        <h2>The person</h2>
        <PersonFields prefix="refer" form={person} onChange={setPerson} error={error} areas={areas} />
        <div class="field">
          <label for="refer-notes">Notes (optional)</label>
          <textarea
            id="refer-notes"
            rows={3}
            maxLength={2000}
            value={notes}
            aria-invalid={error?.field === "notes" ? "true" : undefined}
            aria-describedby={describedBy(error?.field === "notes" && "refer-notes-error")}
            onInput={(e) => setNotes(e.currentTarget.value)}
          />
          <FieldError id="refer-notes-error" message={error?.field === "notes" ? error.message : null} />
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? "Recording…" : "Record the referral"}
          </button>
        </div>
      </form>
    </>
  );
}
