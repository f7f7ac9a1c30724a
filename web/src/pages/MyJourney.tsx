// The citizen's own pages (ENT-1, ASM-1, CHO-1): their record at /my-record (with the online
// self-referral form while it is still empty), the assessment, choices and registrations below it;
// and /choose, the choices still open.

import { useEffect, useState } from "preact/hooks";
import type { Me } from "../api";
import { getCitizen, recordEntry, SELF_REFERRAL_SOURCES, sourceLabel, type CitizenView } from "../journey";
import type { PageProps } from "../nav";
import { href } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { CitizenJourney } from "./CitizenRecord";
import {
  checkPerson,
  ChoicesTable,
  EMPTY_PERSON,
  Loading,
  personBody,
  personFieldOf,
  PersonFields,
  setNotice,
  useAreas,
  useNames,
  type PersonForm,
} from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";

function NoRecord() {
  return (
    <>
      <PageHeading title="My record">My record</PageHeading>
      <div class="message message-warning">
        <p>This login is not linked to a citizen record. Ask your referrer or the Regulator to link it.</p>
      </div>
    </>
  );
}

export function MyJourneyPage({ me, rest }: PageProps) {
  if (!me) return null; // citizens only (see nav.ts)
  if (me.citizen_id === null) return <NoRecord />;
  return <MyRecord me={me} citizenId={me.citizen_id} rest={rest} />;
}

function MyRecord({ me, citizenId, rest }: { me: Me; citizenId: number; rest: string }) {
  const [view, setView] = useState<CitizenView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  // Only the record page needs to know whether the record is still empty.
  useEffect(() => {
    if (rest !== "") return;
    const controller = new AbortController();
    getCitizen(citizenId, controller.signal)
      .then(setView)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "Your record could not be loaded.").message);
      });
    return () => controller.abort();
  }, [citizenId, rest, reload]);

  if (rest !== "") return <CitizenJourney citizenId={citizenId} base="/my-record" rest={rest} me={me} />;
  if (error) {
    return (
      <>
        <PageHeading title="My record">My record</PageHeading>
        <ErrorMessage message={error} />
      </>
    );
  }
  if (!view) return <Loading what="your record" />;
  if (view.entries.length === 0 || view.full_name === null) {
    return <SelfReferral citizenId={citizenId} onDone={() => setReload(reload + 1)} />;
  }
  return <CitizenJourney citizenId={citizenId} base="/my-record" rest="" me={me} />;
}

function SelfReferral({ citizenId, onDone }: { citizenId: number; onDone: () => void }) {
  const areas = useAreas();
  const [source, setSource] = useState("online");
  const [person, setPerson] = useState<PersonForm>(EMPTY_PERSON);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  function fail(field: string | null, message: string) {
    setError({ field, message });
    setBusy(false);
    setTimeout(() => document.getElementById(field ? `self-${field.replace(/_/g, "-")}` : "self-error")?.focus(), 0);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const problem = checkPerson(person);
    if (problem) return fail(problem.field, problem.message);
    setBusy(true);
    try {
      await recordEntry({ route: "self_referral", source, person: personBody(person) });
      setNotice("Thank you: you have referred yourself. Take the online assessment next.");
      onDone();
    } catch (caught) {
      const apiError = asApiError(caught, "Your self-referral could not be recorded. Please try again.");
      fail(personFieldOf(apiError) ?? (apiError.field === "source" ? "source" : null), apiError.message);
    }
  }

  return (
    <>
      <PageHeading title="Refer yourself">Refer yourself</PageHeading>
      <p class="lead">
        Tell us who you are and where you live. Next you take the online assessment, which shows the help you can have and the
        providers you can choose from. Record number {citizenId}.
      </p>
      <ErrorMessage id="self-error" message={error && !error.field ? error.message : null} />
      <form class="panel form-panel" onSubmit={submit} noValidate>
        <PersonFields prefix="self" form={person} onChange={setPerson} error={error} areas={areas} you />
        <div class="field">
          <label for="self-source">How did you hear about PSL?</label>
          <select
            id="self-source"
            value={source}
            aria-invalid={error?.field === "source" ? "true" : undefined}
            aria-describedby={describedBy(error?.field === "source" && "self-source-error")}
            onChange={(e) => setSource(e.currentTarget.value)}
          >
            {SELF_REFERRAL_SOURCES.map((s) => (
              <option key={s} value={s}>
                {s === "online" ? "Online, by myself" : sourceLabel(s)}
              </option>
            ))}
          </select>
          <FieldError id="self-source-error" message={error?.field === "source" ? error.message : null} />
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? "Sending…" : "Refer myself"}
          </button>
        </div>
      </form>
    </>
  );
}

/** /choose: the citizen's choices, open ones first, each linking to its comparison. */
export function ChooseIndexPage({ me }: PageProps) {
  const { names } = useNames();
  const [view, setView] = useState<CitizenView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const citizenId = me?.citizen_id ?? null;
  useEffect(() => {
    if (citizenId === null) return;
    const controller = new AbortController();
    getCitizen(citizenId, controller.signal)
      .then(setView)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "Your choices could not be loaded.").message);
      });
    return () => controller.abort();
  }, [citizenId]);
  if (!me) return null;
  if (citizenId === null) return <NoRecord />;
  const choices = [...(view?.choices ?? [])].sort((a, b) => Number(b.status === "open") - Number(a.status === "open"));
  return (
    <>
      <PageHeading title="Choose a provider">Choose a provider</PageHeading>
      <p class="lead">
        Your assessment opens one choice for each kind of help you can have. Compare the licensed providers and choose one
        before the date shown; if you do not, you are given the default provider.
      </p>
      <ErrorMessage message={error} />
      {!view && !error && <Loading what="your choices" />}
      {view && view.choices.length === 0 && (
        <p>
          You have no choice to make yet. <a href={href("/my-record/assessment")}>Take the online assessment</a> first.
        </p>
      )}
      {view && view.choices.length > 0 && (
        <ChoicesTable choices={choices} base="/my-record" names={names} registrations={view.registrations} />
      )}
    </>
  );
}
