// One citizen's journey below a base address: the record, the assessment, a choice per End Result
// and the registrations. The referrer reaches it at /referrals/12, the citizen at /my-record.
//
//   {base}                        the record
//   {base}/assessment             the single assessment
//   {base}/choose/{end_result}    choosing a provider
//   {base}/registrations/{id}     one registration with its locked prices

import { useEffect, useState } from "preact/hooks";
import type { Me } from "../api";
import { getCitizen, type CitizenView } from "../journey";
import { ErrorMessage, PageHeading } from "./common";
import { AssessmentPage } from "./Assessment";
import { ChoicePage } from "./Choice";
import { BackLink, CitizenRecordView, Loading, Notice, RegistrationDetails, useNames, useNotice } from "./journey-common";
import { asApiError } from "./licensing-common";
import { NotFoundPage } from "./Status";

export function CitizenJourney({
  citizenId,
  base,
  rest,
  me,
  home,
}: {
  citizenId: number;
  base: string;
  /** What follows the base: "", "assessment", "choose/x", "registrations/3". */
  rest: string;
  me: Me;
  /** Where "back" goes from the record (the caseload), if anywhere. */
  home?: { to: string; label: string };
}) {
  const isCitizen = me.role === "citizen";
  const canAssess = me.role === "referrer" || isCitizen;
  if (rest === "assessment" && canAssess) return <AssessmentPage citizenId={citizenId} base={base} asReferrer={!isCitizen} />;
  const choose = /^choose\/([a-z][a-z0-9_]{0,63})$/.exec(rest);
  if (choose) return <ChoicePage citizenId={citizenId} base={base} endResult={choose[1]} me={me} />;
  const registration = /^registrations\/([1-9][0-9]{0,15})$/.exec(rest);
  if (registration) return <RegistrationPage citizenId={citizenId} base={base} registrationId={Number(registration[1])} me={me} />;
  if (rest !== "") return <NotFoundPage />;
  return <RecordPage citizenId={citizenId} base={base} me={me} home={home} />;
}

function useCitizen(citizenId: number): { view: CitizenView | null; error: string | null } {
  const [view, setView] = useState<CitizenView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    setError(null);
    getCitizen(citizenId, controller.signal)
      .then(setView)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The record could not be loaded.").message);
      });
    return () => controller.abort();
  }, [citizenId]);
  return { view, error };
}

function RecordPage({ citizenId, base, me, home }: { citizenId: number; base: string; me: Me; home?: { to: string; label: string } }) {
  const { names } = useNames();
  const notice = useNotice();
  const { view, error } = useCitizen(citizenId);
  const isCitizen = me.role === "citizen";
  const title = isCitizen ? "My record" : (view?.full_name ?? `Citizen ${citizenId}`);
  return (
    <>
      {home && <BackLink to={home.to}>{home.label}</BackLink>}
      <PageHeading title={title}>{title}</PageHeading>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {!view && !error && <Loading what="the record" />}
      {view && (
        <CitizenRecordView view={view} base={base} names={names} canAssess={me.role === "referrer" || isCitizen} youAre={isCitizen} />
      )}
    </>
  );
}

function RegistrationPage({ citizenId, base, registrationId, me }: { citizenId: number; base: string; registrationId: number; me: Me }) {
  const { names } = useNames();
  const notice = useNotice();
  const { view, error } = useCitizen(citizenId);
  const registration = view?.registrations.find((r) => r.id === registrationId);
  const title = registration ? `Registered with ${registration.provider_name}` : "Registration";
  return (
    <>
      <BackLink to={base}>Back to {me.role === "citizen" ? "your record" : `${view?.full_name ?? "the citizen"}'s record`}</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      <Notice message={notice} />
      <ErrorMessage message={error ?? (view && !registration ? "There is no such registration on this record." : null)} />
      {!view && !error && <Loading what="the registration" />}
      {registration && (
        <>
          <p class="lead">
            {me.role === "citizen" ? "You are" : `${view?.full_name ?? "The citizen"} is`} registered with{" "}
            <strong>{registration.provider_name}</strong> for {names.endResult(registration.end_result)}. The provider will be in
            touch; it is paid only for the outcomes it achieves.
          </p>
          <RegistrationDetails registration={registration} names={names} citizenName={view?.full_name ?? null} />
        </>
      )}
    </>
  );
}
