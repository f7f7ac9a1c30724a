// Skunkworks (OUT-4, INN-2), public: the outcome variants providers may try, the methodologies
// they have published, and each provider's share of registrations on a variant (at most
// max_percent). A provider also publishes a methodology here (no skunkworks payment is released
// before it) and moves an open outcome of one of its customers onto a variant.

import { useEffect, useState } from "preact/hooks";
import type { ApiError, Me } from "../api";
import { getSkunkworks, moveToSkunkworks, publishMethodology, type Skunkworks } from "../claims";
import { formatBasisPoints, listRegistrations, type Names, type Registration } from "../journey";
import { formatDate } from "../licensing";
import type { PageProps } from "../nav";
import { ErrorMessage, PageHeading } from "./common";
import { Loading, Notice, useNames } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";

export function SkunkworksPage({ me }: PageProps) {
  const { names } = useNames();
  const [data, setData] = useState<Skunkworks | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    getSkunkworks(controller.signal)
      .then(setData)
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(caught, "The skunkworks register could not be loaded.").message);
      });
    return () => controller.abort();
  }, [reload]);

  const changed = (message: string) => {
    setNotice(message);
    setReload((n) => n + 1);
  };

  const isProvider = me?.role === "provider";
  return (
    <>
      <PageHeading title="Skunkworks">Skunkworks</PageHeading>
      <p class="lead">
        Providers may try a new way of working towards a harder version of a King Outcome (a skunkworks variant) for a small
        share of their customers{data ? `, at most ${data.max_percent}%` : ""}. They are paid for the variant only once they
        have published how they work here, so that others can learn from it.
      </p>
      <Notice message={notice} />
      <ErrorMessage message={error} />
      {!data && !error && <Loading what="the skunkworks register" />}
      {data && (
        <>
          <MethodologyList data={data} names={names} />
          <SharesTable data={data} />
          <VariantsTable data={data} names={names} />
          {isProvider && me && <PublishForm key={data.methodologies.length} data={data} me={me} onPublished={changed} />}
          {isProvider && <MoveForm data={data} names={names} onMoved={changed} />}
        </>
      )}
    </>
  );
}

function variantLabel(data: Skunkworks, variant: string, names: Names): string {
  return data.variants.find((v) => v.variant === variant)?.label ?? names.outcome(variant);
}

function MethodologyList({ data, names }: { data: Skunkworks; names: Names }) {
  return (
    <section class="table-section methodologies" aria-labelledby="methodologies-heading">
      <h2 id="methodologies-heading">Published methodologies</h2>
      {data.methodologies.length === 0 && <p class="muted">No methodology has been published yet.</p>}
      {data.methodologies.map((m) => (
        <article
          class="panel panel-wide methodology"
          key={`${m.provider_id}:${m.variant}:${m.published_on}`}
          data-provider-id={m.provider_id}
          data-variant={m.variant}
        >
          <h3>{m.title}</h3>
          <p class="hint">
            {m.provider_name}, for <strong>{variantLabel(data, m.variant, names)}</strong>; published on{" "}
            {formatDate(m.published_on)}.
          </p>
          <div class="reasons-text methodology-text">{m.methodology}</div>
        </article>
      ))}
    </section>
  );
}

function SharesTable({ data }: { data: Skunkworks }) {
  return (
    <section class="table-section" aria-labelledby="shares-heading">
      <h2 id="shares-heading">Share of customers on a variant</h2>
      <div class="table-wrap" role="region" aria-label="Share per provider" tabIndex={0}>
        <table class="data-table stack-table skunkworks-shares">
          <caption class="visually-hidden">Registrations on a skunkworks variant per provider</caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" class="number">
                On a variant
              </th>
              <th scope="col" class="number">
                Active registrations
              </th>
              <th scope="col" class="number">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {data.providers.map((p) => (
              <tr key={p.provider_id} data-provider-id={p.provider_id}>
                <td data-label="Provider">{p.provider_name}</td>
                <td data-label="On a variant" class="number">
                  {p.placed}
                </td>
                <td data-label="Active registrations" class="number">
                  {p.active}
                </td>
                <td data-label="Share" class="number share">
                  {formatBasisPoints(p.share_basis_points)}
                </td>
              </tr>
            ))}
            {data.providers.length === 0 && (
              <tr>
                <td colSpan={4} class="empty">
                  No provider has a customer on a variant.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function VariantsTable({ data, names }: { data: Skunkworks; names: Names }) {
  return (
    <section class="table-section" aria-labelledby="variants-heading">
      <h2 id="variants-heading">Variants</h2>
      <ul class="link-list variants">
        {data.variants.map((v) => (
          <li key={v.variant} data-variant={v.variant}>
            <strong>{v.label}</strong> <span class="muted">instead of {names.outcome(v.base_outcome)}</span>
          </li>
        ))}
        {data.variants.length === 0 && <li class="muted">The catalogue has no skunkworks variant.</li>}
      </ul>
    </section>
  );
}

// ---- the provider's forms ----

function PublishForm({ data, me, onPublished }: { data: Skunkworks; me: Me; onPublished: (message: string) => void }) {
  // One methodology per provider and variant: the server refuses a second.
  const mine = data.methodologies.filter((m) => m.provider_id === me.provider_id).map((m) => m.variant);
  const [variant, setVariant] = useState(data.variants.find((v) => !mine.includes(v.variant))?.variant ?? "");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);

  const message = (field: string) => (problem?.field === field ? problem.message : error?.field === field ? error.message : null);
  const general = error && !["variant", "title", "methodology"].includes(error.field ?? "") ? error.message : null;

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (variant === "") return setProblem({ field: "variant", message: "Choose the variant." });
    if (title.trim() === "") return setProblem({ field: "title", message: "Give the methodology a title." });
    if (text.trim() === "") return setProblem({ field: "methodology", message: "Describe how you work towards the variant." });
    setProblem(null);
    setBusy(true);
    try {
      await publishMethodology({ variant, title: title.trim(), methodology: text.trim() });
      setTitle("");
      setText("");
      onPublished(`Methodology "${title.trim()}" published.`);
    } catch (caught) {
      setError(asApiError(caught, "The methodology could not be published."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="methodology-form" class="panel form-panel panel-wide" onSubmit={submit} noValidate aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish a methodology</h2>
      <p class="hint">Published for everyone to read. Skunkworks outcome payments are held until you publish.</p>
      <ErrorMessage message={general} />
      {variant === "" ? (
        <p class="muted all-published">
          {data.variants.length === 0 ? "The catalogue has no skunkworks variant." : "You have published a methodology for every variant."}
        </p>
      ) : (
        <>
          <div class="field">
            <label for="methodology-variant">Variant</label>
            <select
              id="methodology-variant"
              value={variant}
              aria-invalid={message("variant") ? "true" : undefined}
              aria-describedby={describedBy(message("variant") && "methodology-variant-error")}
              onChange={(event) => setVariant((event.currentTarget as HTMLSelectElement).value)}
            >
              {data.variants.map((v) => (
                <option key={v.variant} value={v.variant} disabled={mine.includes(v.variant)}>
                  {v.label}
                  {mine.includes(v.variant) ? " (published)" : ""}
                </option>
              ))}
            </select>
            <FieldError id="methodology-variant-error" message={message("variant")} />
          </div>
          <div class="field">
            <label for="methodology-title">Title</label>
            <input
              id="methodology-title"
              type="text"
              maxLength={200}
              value={title}
              aria-invalid={message("title") ? "true" : undefined}
              aria-describedby={describedBy(message("title") && "methodology-title-error")}
              onInput={(event) => setTitle((event.currentTarget as HTMLInputElement).value)}
            />
            <FieldError id="methodology-title-error" message={message("title")} />
          </div>
          <div class="field">
            <label for="methodology-text">Methodology</label>
            <textarea
              id="methodology-text"
              rows={6}
              maxLength={20000}
              value={text}
              aria-invalid={message("methodology") ? "true" : undefined}
              aria-describedby={describedBy(message("methodology") && "methodology-text-error")}
              onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
            />
            <FieldError id="methodology-text-error" message={message("methodology")} />
          </div>
          <div class="actions">
            <button type="submit" class="button button-primary" disabled={busy}>
              {busy ? "Publishing…" : "Publish the methodology"}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

interface MoveOption {
  key: string;
  registration: Registration;
  outcome: string;
  variant: string;
  label: string;
}

function MoveForm({ data, names, onMoved }: { data: Skunkworks; names: Names; onMoved: (message: string) => void }) {
  const [registrations, setRegistrations] = useState<Registration[] | null>(null);
  const [choice, setChoice] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const all: Registration[] = [];
      let before: number | null = null;
      for (let guard = 0; guard < 50; guard += 1) {
        const page = await listRegistrations(before, controller.signal);
        all.push(...page.items);
        if (page.next_before === null) break;
        before = page.next_before;
      }
      return all;
    })()
      .then(setRegistrations)
      .catch(() => !controller.signal.aborted && setRegistrations([]));
    return () => controller.abort();
  }, [reload]);

  const options: MoveOption[] = [];
  for (const registration of registrations ?? []) {
    if (registration.status !== "active") continue;
    for (const outcome of registration.outcomes) {
      if (outcome.status !== "open") continue;
      for (const v of data.variants.filter((x) => x.base_outcome === outcome.outcome)) {
        options.push({
          key: `${registration.id}:${outcome.outcome}:${v.variant}`,
          registration,
          outcome: outcome.outcome,
          variant: v.variant,
          label: `Registration ${registration.id}: ${names.outcome(outcome.outcome)} → ${v.label}`,
        });
      }
    }
  }
  const chosen = options.find((o) => o.key === choice) ?? null;
  const message = problem ?? (error?.field ? error.message : null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!chosen) return setProblem("Choose the outcome to move.");
    setProblem(null);
    setBusy(true);
    try {
      await moveToSkunkworks(chosen.registration.id, chosen.outcome, chosen.variant);
      setChoice("");
      setReload((n) => n + 1);
      onMoved(`Registration ${chosen.registration.id} now works towards ${variantLabel(data, chosen.variant, names)}.`);
    } catch (caught) {
      setError(asApiError(caught, "The outcome could not be moved."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="move-form" class="panel form-panel panel-wide" onSubmit={submit} noValidate aria-labelledby="move-heading">
      <h2 id="move-heading">Move an outcome onto a variant</h2>
      <p class="hint">
        The variant gets its own locked price; the original outcome is then no longer claimable. At most {data.max_percent}% of
        your active registrations may hold a variant.
      </p>
      <ErrorMessage message={error && !error.field ? error.message : null} />
      {registrations === null ? (
        <Loading what="your customers" />
      ) : options.length === 0 ? (
        <p class="muted">None of your customers has an open outcome with a skunkworks variant.</p>
      ) : (
        <>
          <div class="field">
            <label for="move-outcome">Outcome and variant</label>
            <select
              id="move-outcome"
              value={choice}
              aria-invalid={message ? "true" : undefined}
              aria-describedby={describedBy(message && "move-outcome-error")}
              onChange={(event) => setChoice((event.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">Choose…</option>
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </select>
            <FieldError id="move-outcome-error" message={message} />
          </div>
          <div class="actions">
            <button type="submit" class="button" disabled={busy}>
              {busy ? "Moving…" : "Move onto the variant"}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
