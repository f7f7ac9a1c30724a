// Satisfaction (PAY-6), public: each provider's recommend rate over the survey answers in a period,
// drawn as a bar against the national rate. A provider with fewer than the minimum valid answers
// is paid (and shown) at the national rate.

import { useEffect, useState } from "preact/hooks";
import { formatFractionPercent, fractionToBasisPoints, getSatisfaction, type RateFigures, type Satisfaction } from "../claims";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { navigateWithQuery, useQuery } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { Loading } from "./journey-common";
import { asApiError } from "./licensing-common";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The 12 months up to today (UTC), the period payments use; the API needs both ends. */
function defaultPeriod(): { from: string; to: string } {
  const today = new Date();
  const to = today.toISOString().slice(0, 10);
  const start = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate() + 1));
  return { from: start.toISOString().slice(0, 10), to };
}

export function SatisfactionPage(_: PageProps) {
  const query = useQuery();
  const period = defaultPeriod();
  const from = DATE.test(query.get("from") ?? "") ? (query.get("from") as string) : period.from;
  const to = DATE.test(query.get("to") ?? "") ? (query.get("to") as string) : period.to;
  const [form, setForm] = useState({ from, to });
  const [data, setData] = useState<Satisfaction | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setData(null);
    setError(null);
    setForm({ from, to });
    getSatisfaction(from, to, controller.signal)
      .then(setData)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The satisfaction figures could not be loaded.").message);
      });
    return () => controller.abort();
  }, [from, to]);

  const national = data ? fractionToBasisPoints(data.national.rate) : null;
  const providers = data ? [...data.providers].sort((a, b) => a.provider_name.localeCompare(b.provider_name)) : [];

  return (
    <>
      <PageHeading title="Satisfaction">Customer satisfaction</PageHeading>
      <p class="lead">
        A random sample of each provider's customers is asked, 3 and 12 months after registering, "How likely are you to
        recommend this service to a friend?". The recommend rate is the share answering "extremely likely" or "likely" among
        those who gave an answer other than "don't know". Part of each provider's payment depends on it.
      </p>
      <form
        class="panel search-form form-grid form-grid-2"
        aria-label="Period"
        onSubmit={(event) => {
          event.preventDefault();
          navigateWithQuery("/satisfaction", form);
        }}
      >
        <div class="field">
          <label for="satisfaction-from">Answers from</label>
          <input
            id="satisfaction-from"
            type="date"
            class="input-date"
            value={form.from}
            onInput={(event) => setForm({ ...form, from: (event.currentTarget as HTMLInputElement).value })}
          />
        </div>
        <div class="field">
          <label for="satisfaction-to">to</label>
          <input
            id="satisfaction-to"
            type="date"
            class="input-date"
            value={form.to}
            onInput={(event) => setForm({ ...form, to: (event.currentTarget as HTMLInputElement).value })}
          />
        </div>
        <div class="actions">
          <button type="submit" class="button">
            Show this period
          </button>
        </div>
      </form>
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="the satisfaction figures" />}
      {data && (
        <>
          <section class="panel panel-wide national-satisfaction" aria-labelledby="national-heading">
            <h2 id="national-heading">England</h2>
            <p>
              Answers from {formatDate(data.from)} to {formatDate(data.to)}. National recommend rate:{" "}
              <strong class="national-rate">{rateText(data.national)}</strong>
              {data.national.valid > 0 && (
                <span class="muted">
                  {" "}
                  ({data.national.recommending} of {data.national.valid} answers)
                </span>
              )}
              .
            </p>
            <p class="hint">
              A provider needs at least {data.minimum_answers} answers for its own rate; until then it is paid at the national
              rate.
            </p>
          </section>
          <section class="table-section" aria-labelledby="providers-heading">
            <h2 id="providers-heading">By provider</h2>
            {providers.length === 0 ? (
              <p class="muted">No provider has survey answers in this period.</p>
            ) : (
              <figure class="provider-chart satisfaction-chart" aria-label="Recommend rate by provider, with the national rate marked">
                <dl class="chart-rows">
                  {providers.map((p) => {
                    const rate = fractionToBasisPoints(p.rate);
                    return (
                      <div class="chart-row chart-satisfaction" key={p.provider_id} data-provider-id={p.provider_id}>
                        <dt class="chart-label">{p.provider_name}</dt>
                        <dd class="chart-value">
                          <Bar value={rate} marker={national} />
                          <span class={rate === null ? "figure figure-missing" : "figure"}>
                            {rateText(p)}
                            {p.valid > 0 && (
                              <span class="muted">
                                {" "}
                                ({p.recommending} of {p.valid})
                              </span>
                            )}
                            {p.uses_national && <span class="muted uses-national">; paid at the national rate</span>}
                          </span>
                        </dd>
                      </div>
                    );
                  })}
                </dl>
                <figcaption class="hint">
                  The bar is the provider's recommend rate; the dark line is the national rate
                  {national !== null ? ` (${formatFractionPercent(data.national.rate)})` : ""}.
                </figcaption>
              </figure>
            )}
          </section>
        </>
      )}
    </>
  );
}

function rateText(figures: RateFigures): string {
  return figures.rate === null ? "No answers yet" : formatFractionPercent(figures.rate);
}

/** One horizontal bar from 0 to 100 % with the national rate marked. */
function Bar({ value, marker }: { value: number | null; marker: number | null }) {
  const clamp = (x: number) => Math.max(0, Math.min(10000, x)) / 100;
  return (
    <svg class="bar-chart" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="bar-track" x="0" y="0" width="100" height="10" rx="1.5" />
      {value !== null && <rect class="bar-fill" x="0" y="0" width={clamp(value)} height="10" rx="1.5" />}
      {marker !== null && (
        <line class="bar-best" x1={clamp(marker)} x2={clamp(marker)} y1="-1" y2="11" vector-effect="non-scaling-stroke" />
      )}
    </svg>
  );
}
