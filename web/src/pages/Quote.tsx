// The public price calculator (TAR-1..3): one King Outcome for a set of barriers, a district and a
// date, priced by the tariff in force, with the itemised explanation. Anyone may use it.

import { useState } from "preact/hooks";
import { quote, todayIso, type Quote } from "../journey";
import type { PageProps } from "../nav";
import { ErrorMessage, PageHeading } from "./common";
import { PriceBreakdown, useAreas, useNames } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";

export function QuotePage(_props: PageProps) {
  const { names, config, catalogue } = useNames();
  const areas = useAreas();
  const [outcome, setOutcome] = useState("");
  const [barriers, setBarriers] = useState<string[]>([]);
  const [area, setArea] = useState("");
  const [date, setDate] = useState(todayIso);
  const [result, setResult] = useState<Quote | null>(null);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (outcome === "") return setError({ field: "outcome", message: "Choose an outcome." });
    if (area.trim() === "") return setError({ field: "area", message: "Choose a district." });
    setBusy(true);
    try {
      setResult(await quote({ outcome, barriers, area: area.trim().toUpperCase(), date }));
    } catch (caught) {
      const apiError = asApiError(caught, "The price could not be worked out.");
      setError({ field: apiError.field?.replace(/\[\d+\]$/, "") ?? null, message: apiError.message });
      setResult(null);
    }
    setBusy(false);
  }

  const message = (field: string) => (error?.field === field ? error.message : null);
  const endResults = catalogue?.end_results ?? [];
  const outcomes = catalogue?.outcomes ?? [];

  return (
    <>
      <PageHeading title="Price calculator">Price calculator</PageHeading>
      <p class="lead">
        What a provider is paid for one outcome achieved with one person: a core payment plus a supplement for each barrier,
        weighted for the district's deprivation and for the economy. Every price is per person and the same for every provider.
      </p>
      <ErrorMessage message={error && !["outcome", "area", "date", "barriers"].includes(error.field ?? "") ? error.message : null} />
      <div class="columns quote-columns">
        <form class="panel form-panel" onSubmit={submit} noValidate>
          <div class="field">
            <label for="quote-outcome">Outcome</label>
            <select
              id="quote-outcome"
              value={outcome}
              aria-invalid={message("outcome") ? "true" : undefined}
              aria-describedby={describedBy(message("outcome") && "quote-outcome-error")}
              onChange={(e) => setOutcome(e.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {endResults.map((er) => (
                <optgroup key={er.id} label={er.name}>
                  {outcomes
                    .filter((o) => o.end_result === er.id)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <FieldError id="quote-outcome-error" message={message("outcome")} />
          </div>
          <fieldset class="field choice-group" aria-describedby={describedBy(message("barriers") && "quote-barriers-error")}>
            <legend>Barriers</legend>
            <FieldError id="quote-barriers-error" message={message("barriers")} />
            <div class="choices choices-columns">
              {(config?.rules.barriers ?? []).map((b) => (
                <label key={b.barrier} class="choice">
                  <input
                    type="checkbox"
                    checked={barriers.includes(b.barrier)}
                    onChange={(e) =>
                      setBarriers(e.currentTarget.checked ? [...barriers, b.barrier] : barriers.filter((x) => x !== b.barrier))
                    }
                  />
                  {names.barrier(b.barrier)}
                </label>
              ))}
            </div>
          </fieldset>
          <div class="form-grid form-grid-2">
            <div class="field">
              <label for="quote-area">District</label>
              {areas && areas.length > 0 ? (
                <select
                  id="quote-area"
                  value={area}
                  aria-invalid={message("area") ? "true" : undefined}
                  aria-describedby={describedBy(message("area") && "quote-area-error")}
                  onChange={(e) => setArea(e.currentTarget.value)}
                >
                  <option value="">Choose…</option>
                  {areas.map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.name}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id="quote-area"
                  type="text"
                  placeholder="e.g. E08000021"
                  value={area}
                  aria-invalid={message("area") ? "true" : undefined}
                  aria-describedby={describedBy(message("area") && "quote-area-error")}
                  onInput={(e) => setArea(e.currentTarget.value)}
                />
              )}
              <FieldError id="quote-area-error" message={message("area")} />
            </div>
            <div class="field">
              <label for="quote-date">Date</label>
              <input
                id="quote-date"
                type="date"
                class="input-date"
                value={date}
                aria-invalid={message("date") ? "true" : undefined}
                aria-describedby={describedBy(message("date") && "quote-date-error")}
                onInput={(e) => setDate(e.currentTarget.value)}
              />
              <FieldError id="quote-date-error" message={message("date")} />
            </div>
          </div>
          <div class="actions">
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? "Working it out…" : "Work out the price"}
            </button>
          </div>
        </form>
        <section class="quote-result" aria-live="polite" aria-labelledby="quote-result-heading">
          <h2 id="quote-result-heading">The price</h2>
          {result ? <PriceBreakdown quote={result} names={names} /> : <p class="muted">Choose an outcome and a district.</p>}
        </section>
      </div>
    </>
  );
}
