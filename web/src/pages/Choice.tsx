// Choosing a provider for one End Result (CHO-1..5, TAR-3): what the provider will be paid, item by
// item; every eligible provider compared on success with similar customers (nationally and
// locally, against the best), satisfaction and mystery shopping, drawn as bar charts; the
// referrer's shortlist in assisted choice; choosing, or asking for the default provider.
//
// Figures from too few cases arrive as null and are shown as "Not enough data", never as a number.

import { useEffect, useRef, useState } from "preact/hooks";
import type { Me } from "../api";
import {
  formatBasisPoints,
  formatLabel,
  getCitizen,
  getOptions,
  register,
  registerDefault,
  saveShortlist,
  type CitizenView,
  type Options,
  type ProviderOption,
} from "../journey";
import { formatDate } from "../licensing";
import { href, navigate } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { BackLink, FormatBadge, Loading, Notice, PriceList, setNotice, useNames, useNotice } from "./journey-common";
import { asApiError, ConfirmStep } from "./licensing-common";

const NOT_ENOUGH = "Not enough data";

type SortKey = "name" | "success" | "local" | "satisfaction" | "mystery";

export function ChoicePage({ citizenId, base, endResult, me }: { citizenId: number; base: string; endResult: string; me: Me }) {
  const { names } = useNames();
  const notice = useNotice();
  const [options, setOptions] = useState<Options | null>(null);
  const [citizen, setCitizen] = useState<CitizenView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [actionNotice, setActionNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<number | "default" | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [sort, setSort] = useState<SortKey>("name");
  const [filter, setFilter] = useState("");
  const [onlyShortlist, setOnlyShortlist] = useState(true);
  const messageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    getCitizen(citizenId, controller.signal)
      .then((c) => {
        setCitizen(c);
        return getOptions(citizenId, endResult, controller.signal);
      })
      .then((o) => {
        setOptions(o);
        setPicked(o.choice.shortlist ?? []);
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setLoadError(asApiError(caught, "The providers could not be loaded.").message);
      });
    return () => controller.abort();
  }, [citizenId, endResult]);

  const isReferrer = me.role === "referrer";
  const isCitizen = me.role === "citizen";
  const title = `Choose a provider: ${names.endResult(endResult)}`;

  if (loadError) {
    // After registration there is nothing left to choose (CHO-5): the server says so with a 409.
    const registered = citizen?.registrations.find((r) => r.end_result === endResult && r.status === "active");
    return (
      <>
        <BackLink to={base}>Back to the record</BackLink>
        <PageHeading title="Choose a provider">Choose a provider: {names.endResult(endResult)}</PageHeading>
        {registered ? (
          <div class="message message-info" role="status">
            <p>
              Already registered with <strong>{registered.provider_name}</strong> on {formatDate(registered.registered_on)}: a
              registration is not switched to another provider.{" "}
              <a href={href(`${base}/registrations/${registered.id}`)}>See the registration and its locked prices</a>.
            </p>
          </div>
        ) : (
          <ErrorMessage message={loadError} />
        )}
      </>
    );
  }
  if (!options || !citizen) return <Loading what="the providers" />;

  const choice = options.choice;
  const open = choice.status === "open";
  const format = choice.format;
  const shortlist = choice.shortlist ?? [];
  const hasShortlist = choice.shortlist !== null && shortlist.length > 0;
  const shortlistMode = open && isReferrer && format === "assisted";
  const canChooseFrom = (provider: ProviderOption): boolean => {
    if (!open) return false;
    if (format === "assisted") return hasShortlist && provider.on_shortlist && (isCitizen || isReferrer);
    if (format === "professional") return isReferrer;
    return isCitizen || isReferrer;
  };
  const canAskDefault = open && options.default_choice !== null && (isCitizen || isReferrer) && !(format === "professional" && !isReferrer);
  const who = citizen.full_name ?? `citizen ${citizen.id}`;
  const registration = citizen.registrations.find((r) => r.end_result === endResult && r.status === "active");
  const defaultProvider = options.default_choice
    ? options.providers.find((p) => p.provider_id === options.default_choice?.provider_id)
    : undefined;

  function showError(message: string) {
    setActionError(message);
    setActionNotice(null);
    setTimeout(() => messageRef.current?.focus(), 0);
  }

  async function choose(providerId: number | "default") {
    if (busy) return;
    setBusy(true);
    setActionError(null);
    try {
      const made = providerId === "default" ? await registerDefault(citizenId, endResult) : await register(citizenId, endResult, providerId);
      setNotice(`Registered with ${made.provider_name}. The prices below are locked.`);
      navigate(`${base}/registrations/${made.id}`);
    } catch (caught) {
      setBusy(false);
      setConfirming(null);
      showError(asApiError(caught, "The registration failed. Please try again.").message);
    }
  }

  async function submitShortlist() {
    if (busy) return;
    if (picked.length < 3 || picked.length > 5) {
      showError(`A shortlist has 3 to 5 providers; ${picked.length} ${picked.length === 1 ? "is" : "are"} chosen.`);
      return;
    }
    setBusy(true);
    setActionError(null);
    try {
      const updated = await saveShortlist(citizenId, endResult, picked);
      setOptions(updated);
      setPicked(updated.choice.shortlist ?? picked);
      setOnlyShortlist(true);
      setActionNotice(`Shortlist saved: ${picked.length} providers. ${who} now picks one of them.`);
      setBusy(false);
      setTimeout(() => messageRef.current?.focus(), 0);
    } catch (caught) {
      setBusy(false);
      showError(asApiError(caught, "The shortlist could not be saved.").message);
    }
  }

  // ---- which providers, in which order ----
  const wanted = filter.trim().toLowerCase();
  let shown = options.providers.filter((p) => wanted === "" || p.name.toLowerCase().includes(wanted));
  if (hasShortlist && onlyShortlist && !shortlistMode) shown = shown.filter((p) => p.on_shortlist);
  const figure = (p: ProviderOption): number | null => {
    switch (sort) {
      case "success":
        return p.success_rate_basis_points;
      case "local":
        return p.local_success_rate_basis_points;
      case "satisfaction":
        return p.satisfaction_rate_basis_points;
      case "mystery":
        return p.mystery_shopping_score_percent;
      default:
        return null;
    }
  };
  shown = [...shown].sort((a, b) => {
    if (sort !== "name") {
      const fa = figure(a);
      const fb = figure(b);
      if (fa !== fb) {
        if (fa === null) return 1;
        if (fb === null) return -1;
        return fb - fa;
      }
    }
    return a.name.localeCompare(b.name, "en-GB");
  });

  return (
    <>
      <BackLink to={base}>Back to {isCitizen ? "your record" : `${who}'s record`}</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      <Notice message={notice} />
      <p class="entry-lead">
        <FormatBadge format={format} />{" "}
        <span>
          {isCitizen ? "For you" : `For ${who}`}
          {open ? (
            <>
              {" "}
              · choose by <strong>{formatDate(choice.deadline)}</strong>
            </>
          ) : (
            " · chosen"
          )}
        </span>
      </p>
      <p class="lead">{formatExplanation(format, isCitizen, hasShortlist, who)}</p>

      <div ref={messageRef} tabIndex={-1} class="message-anchor">
        <ErrorMessage id="choice-error" message={actionError} />
        {actionNotice && (
          <div class="message message-success" role="status">
            {actionNotice}
          </div>
        )}
      </div>

      {!open && (
        <div class="message message-info" role="status">
          <p>
            {registration ? (
              <>
                Registered with <strong>{registration.provider_name}</strong> on {formatDate(registration.registered_on)}.{" "}
                <a href={href(`${base}/registrations/${registration.id}`)}>See the registration and its locked prices</a>.
              </>
            ) : (
              <>This choice is {choice.status.replace(/_/g, " ")}.</>
            )}
          </p>
        </div>
      )}

      <section class="panel panel-wide" aria-labelledby="prices-heading">
        <h2 id="prices-heading">What the provider is paid</h2>
        <p class="hint">
          The provider is paid for each outcome it achieves. The price is set by the Regulator's tariff for{" "}
          {isCitizen ? "your" : "their"} barriers and district: it is the same whichever provider is chosen, and nobody may
          offer a discount or an inducement to be chosen.
        </p>
        <PriceList prices={options.prices} names={names} />
      </section>

      {canAskDefault && (
        <section class="panel panel-wide default-panel" aria-labelledby="default-heading">
          <h2 id="default-heading">The default provider</h2>
          <p>
            {defaultProvider ? (
              <>
                If no provider is chosen by {formatDate(choice.deadline)}, {isCitizen ? "you are" : `${who} is`} registered with{" "}
                <strong>{defaultProvider.name}</strong>, {defaultBasisText(options.default_choice?.basis ?? "", options.default_choice?.pool_size ?? 0)}
              </>
            ) : (
              <>If no provider is chosen by {formatDate(choice.deadline)}, a default provider is chosen from the best performers.</>
            )}
          </p>
          {confirming === "default" ? (
            <ConfirmStep confirmLabel="Register with the default provider" busy={busy} onConfirm={() => choose("default")} onCancel={() => setConfirming(null)}>
              <p>
                Register with <strong>{defaultProvider?.name ?? "the default provider"}</strong> now? A registration cannot be switched
                to another provider afterwards.
              </p>
            </ConfirmStep>
          ) : (
            <button type="button" class="button" onClick={() => setConfirming("default")}>
              Ask for the default provider
            </button>
          )}
        </section>
      )}

      <section class="provider-section" aria-labelledby="providers-heading">
        <h2 id="providers-heading">Compare the providers</h2>
        <p class="hint">
          {options.providers.length} licensed {options.providers.length === 1 ? "provider" : "providers"} can take{" "}
          {isCitizen ? "you" : "them"}. Success rates are with similar customers ({options.similar_customers}). A rate is shown
          once a provider has at least {options.minimum_outcomes} finished outcomes, satisfaction once it has{" "}
          {options.minimum_answers} answers; before that the page says “{NOT_ENOUGH}”. The marker on a bar is the best
          provider's rate.
        </p>
        <div class="panel panel-wide compare-controls" role="search" aria-label="Sort and filter the providers">
          <div class="form-grid">
            <div class="field">
              <label for="provider-filter">Find a provider</label>
              <input id="provider-filter" type="search" autoComplete="off" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="provider-sort">Sort by</label>
              <select id="provider-sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
                <option value="name">Name</option>
                <option value="success">Success with similar customers</option>
                <option value="local">Success locally</option>
                <option value="satisfaction">Customer satisfaction</option>
                <option value="mystery">Mystery shopping</option>
              </select>
            </div>
            {hasShortlist && !shortlistMode && (
              <div class="field field-check">
                <label class="choice">
                  <input type="checkbox" checked={onlyShortlist} onChange={(e) => setOnlyShortlist(e.currentTarget.checked)} />
                  Only the shortlist
                </label>
              </div>
            )}
          </div>
        </div>

        {shortlistMode && (
          <div class="panel panel-wide shortlist-bar" role="group" aria-labelledby="shortlist-heading">
            <h3 id="shortlist-heading">{hasShortlist ? "The shortlist" : "Draw up the shortlist"}</h3>
            <p class="hint">
              Tick 3 to 5 providers that suit {who}; they then pick one.{" "}
              {hasShortlist ? "You can change the shortlist until they choose." : ""}
            </p>
            <p aria-live="polite" class="picker-status">
              {picked.length === 0
                ? "No provider ticked."
                : `${picked.length} ticked: ${picked
                    .map((id) => options.providers.find((p) => p.provider_id === id)?.name ?? `provider ${id}`)
                    .join(", ")}`}
            </p>
            <button type="button" class="button button-primary" onClick={submitShortlist} disabled={busy}>
              {busy ? "Saving…" : "Save the shortlist"}
            </button>
          </div>
        )}

        <p class="pager-status" aria-live="polite">
          Showing {shown.length} of {options.providers.length}
        </p>
        <ol class="provider-list">
          {shown.map((provider) => (
            <li key={provider.provider_id} class={provider.on_shortlist ? "provider-card on-shortlist" : "provider-card"} data-provider-id={provider.provider_id}>
              <div class="provider-head">
                <h3 id={`provider-${provider.provider_id}`}>{provider.name}</h3>
                <p class="muted provider-meta">
                  Licensed since {formatDate(provider.licensed_on)}
                  {provider.on_shortlist && <span class="inline-badge shortlist-badge">On the shortlist</span>}
                  {options.default_choice?.provider_id === provider.provider_id && <span class="inline-badge">Default provider</span>}
                </p>
              </div>
              <ProviderChart provider={provider} />
              {provider.mystery_shopping_summary && (
                <p class="mystery-summary">
                  <span class="field-label">Mystery shopping: </span>
                  {provider.mystery_shopping_summary}
                </p>
              )}
              <div class="provider-actions">
                {shortlistMode && (
                  <label class="choice">
                    <input
                      type="checkbox"
                      checked={picked.includes(provider.provider_id)}
                      aria-describedby={`provider-${provider.provider_id}`}
                      onChange={(e) =>
                        setPicked(
                          e.currentTarget.checked
                            ? [...picked.filter((id) => id !== provider.provider_id), provider.provider_id]
                            : picked.filter((id) => id !== provider.provider_id),
                        )
                      }
                    />
                    Put {provider.name} on the shortlist
                  </label>
                )}
                {canChooseFrom(provider) &&
                  (confirming === provider.provider_id ? (
                    <ConfirmStep
                      confirmLabel={`Register with ${provider.name}`}
                      busy={busy}
                      onConfirm={() => choose(provider.provider_id)}
                      onCancel={() => setConfirming(null)}
                    >
                      <p>
                        Register {isCitizen ? "yourself" : who} with <strong>{provider.name}</strong> for{" "}
                        {names.endResult(endResult)}? The prices are locked today, and the registration cannot be switched to
                        another provider afterwards.
                      </p>
                    </ConfirmStep>
                  ) : (
                    <button type="button" class="button button-primary" onClick={() => setConfirming(provider.provider_id)}>
                      {chooseLabel(isCitizen, format)} <span class="visually-hidden">{provider.name}</span>
                    </button>
                  ))}
              </div>
            </li>
          ))}
          {shown.length === 0 && <li class="empty muted">No provider matches.</li>}
        </ol>
      </section>
    </>
  );
}

function chooseLabel(isCitizen: boolean, format: string): string {
  if (isCitizen) return "Choose";
  return format === "professional" ? "Choose for them" : "Record their choice:";
}

function formatExplanation(format: string, isCitizen: boolean, hasShortlist: boolean, who: string): string {
  if (format === "free") {
    return isCitizen
      ? "Free choice: compare the providers below and choose the one you want."
      : `Free choice: ${who} chooses any provider below; you can record their choice for them.`;
  }
  if (format === "assisted") {
    if (isCitizen) {
      return hasShortlist
        ? "Assisted choice: your referrer has shortlisted these providers. Choose one of them."
        : "Assisted choice: your referrer is drawing up a shortlist of 3 to 5 providers for you to choose from.";
    }
    return hasShortlist
      ? `Assisted choice: ${who} picks one of the providers you shortlisted; record their pick here.`
      : `Assisted choice: tick 3 to 5 providers that suit ${who} and save the shortlist; they then pick one.`;
  }
  if (format === "professional") {
    return isCitizen
      ? "Professional choice: your referrer chooses the provider for you. You can still see how the providers compare."
      : `Professional choice: you choose the provider on ${who}'s behalf.`;
  }
  return formatLabel(format);
}

function defaultBasisText(basis: string, pool: number): string {
  switch (basis) {
    case "performance":
      return `drawn from the top quarter of ${pool === 1 ? "the provider" : `${pool} providers`} by success with similar customers.`;
    case "mystery_shopping":
      return `drawn from the providers with the best mystery-shopping scores (${pool} in the pool), as there are not yet enough outcomes to compare.`;
    default:
      return "drawn from every eligible provider, as there is not yet enough information to compare them.";
  }
}

// ---- the chart ----

interface Bar {
  label: string;
  /** Basis points (0..10000) or null for not enough data. */
  value: number | null;
  /** The best provider's rate, for the marker. */
  best: number | null;
  bestLabel?: string;
  kind: string;
}

function barsOf(p: ProviderOption): Bar[] {
  const best = (rate: number | null, gap: number | null) => (rate !== null && gap !== null ? rate + gap : null);
  return [
    {
      label: "Success with similar customers",
      value: p.success_rate_basis_points,
      best: best(p.success_rate_basis_points, p.gap_to_best_national_basis_points),
      bestLabel: "best in England",
      kind: "success",
    },
    {
      label: "Success locally",
      value: p.local_success_rate_basis_points,
      best: best(p.local_success_rate_basis_points, p.gap_to_best_local_basis_points),
      bestLabel: "best locally",
      kind: "local",
    },
    { label: "Customer satisfaction", value: p.satisfaction_rate_basis_points, best: null, kind: "satisfaction" },
    {
      label: "Mystery shopping score",
      value: p.mystery_shopping_score_percent === null ? null : p.mystery_shopping_score_percent * 100,
      best: null,
      kind: "mystery",
    },
  ];
}

/** Horizontal bars, 0 to 100 %, one per figure; the text beside each bar says the figure. */
export function ProviderChart({ provider }: { provider: ProviderOption }) {
  return (
    <figure class="provider-chart" aria-label={`Figures for ${provider.name}`}>
      <dl class="chart-rows">
        {barsOf(provider).map((bar) => {
          const width = bar.value === null ? 0 : Math.max(0, Math.min(10000, bar.value)) / 100;
          const marker = bar.best === null ? null : Math.max(0, Math.min(10000, bar.best)) / 100;
          return (
            <div class={`chart-row chart-${bar.kind}`} key={bar.kind} data-figure={bar.kind}>
              <dt class="chart-label">{bar.label}</dt>
              <dd class="chart-value">
                <svg class="bar-chart" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect class="bar-track" x="0" y="0" width="100" height="10" rx="1.5" />
                  {bar.value !== null && <rect class="bar-fill" x="0" y="0" width={width} height="10" rx="1.5" />}
                  {marker !== null && (
                    <line class="bar-best" x1={marker} x2={marker} y1="-1" y2="11" vector-effect="non-scaling-stroke" />
                  )}
                </svg>
                <span class={bar.value === null ? "figure figure-missing" : "figure"}>
                  {bar.value === null ? NOT_ENOUGH : formatBasisPoints(bar.value)}
                  {bar.value !== null && bar.best !== null && (
                    <span class="muted">
                      {" "}
                      ({bar.bestLabel} {formatBasisPoints(bar.best)})
                    </span>
                  )}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </figure>
  );
}
