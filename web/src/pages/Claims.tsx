// Claims (PAY-4, PAY-7), one page for two audiences:
//   - a provider claims the outcomes its customers reached and follows its claims (#/claims);
//   - the Regulator verifies or rejects the waiting claims and imports evidence feeds (#/claims).
// #/claims/12 is one claim; the server answers 404 for a claim the user may not see.

import { useEffect, useState } from "preact/hooks";
import { getClaim, type Claim } from "../claims";
import type { PageProps } from "../nav";
import { ErrorMessage, PageHeading } from "./common";
import { ClaimDecision, ClaimFacts } from "./ClaimCommon";
import { ProviderClaims } from "./ClaimsProvider";
import { RegulatorClaims } from "./ClaimsRegulator";
import { BackLink, Loading, Notice, useNames } from "./journey-common";
import { asApiError } from "./licensing-common";
import { providerName, useProviderNames } from "./regulation-common";

export function ClaimsPage({ me, rest }: PageProps) {
  if (!me) return null; // providers and the Regulator (see nav.ts)
  if (rest !== "") return <ClaimPage idText={rest} canDecide={me.role === "regulator"} />;
  return me.role === "regulator" ? <RegulatorClaims /> : <ProviderClaims />;
}

function ClaimPage({ idText, canDecide }: { idText: string; canDecide: boolean }) {
  const { names, catalogue } = useNames();
  const providers = useProviderNames();
  const [claim, setClaim] = useState<Claim | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const valid = /^[1-9][0-9]{0,15}$/.test(idText);

  useEffect(() => {
    if (!valid) return;
    const controller = new AbortController();
    getClaim(Number(idText), controller.signal)
      .then(setClaim)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The claim could not be loaded.").message);
      });
    return () => controller.abort();
  }, [idText, valid]);

  const title = claim ? `Claim ${claim.id}: ${names.outcome(claim.outcome)}` : `Claim ${idText}`;
  return (
    <>
      <BackLink to="/claims">Back to claims</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      <Notice message={notice} />
      <ErrorMessage message={valid ? error : "There is no such claim."} />
      {valid && !claim && !error && <Loading what="the claim" />}
      {claim && (
        <section class="panel panel-wide" aria-label="The claim">
          <ClaimFacts
            claim={claim}
            names={names}
            catalogue={catalogue}
            provider={canDecide ? providerName(providers, claim.provider_id) : undefined}
          />
          {canDecide && (
            <ClaimDecision
              claim={claim}
              onDecided={(decided) => {
                setClaim(decided);
                setNotice(decided.status === "verified" ? `Claim ${decided.id} verified.` : `Claim ${decided.id} rejected.`);
              }}
            />
          )}
        </section>
      )}
    </>
  );
}
