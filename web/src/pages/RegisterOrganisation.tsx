// Any organisation, of any size or legal form, registers itself and its first provider user
// (LIC-1), then logs in to apply for a licence. No login needed.

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api";
import {
  getAllAreas,
  LEGAL_FORMS,
  legalFormLabel,
  registerOrganisation,
  sectorLabel,
  SECTORS,
  SIZES,
  sizeLabel,
  type Area,
  type OrganisationCreated,
} from "../licensing";
import type { PageProps } from "../nav";
import { href } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { asApiError, describedBy, errorIsFor, FieldError } from "./licensing-common";

const MIN_PASSWORD = 10;

type FieldName = "name" | "legal_form" | "size" | "sectors" | "areas" | "username" | "password" | "password_again";

const FIELD_IDS: Record<FieldName, string> = {
  name: "org-name",
  legal_form: "org-legal-form",
  size: "org-size",
  sectors: "org-sector-employment",
  areas: "org-area-filter",
  username: "org-username",
  password: "org-password",
  password_again: "org-password-again",
};

const FIELD_LABELS: Record<FieldName, string> = {
  name: "Organisation name",
  legal_form: "Legal form",
  size: "Size",
  sectors: "Sectors",
  areas: "Areas",
  username: "Username",
  password: "Password",
  password_again: "Password again",
};

export function RegisterOrganisationPage(_props: PageProps) {
  const [name, setName] = useState("");
  const [legalForm, setLegalForm] = useState("");
  const [size, setSize] = useState("");
  const [sectors, setSectors] = useState<string[]>([]);
  const [areaCodes, setAreaCodes] = useState<string[]>([]);
  const [areaFilter, setAreaFilter] = useState("");
  const [typedAreas, setTypedAreas] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [passwordAgain, setPasswordAgain] = useState("");
  const [areas, setAreas] = useState<Area[] | null>(null);
  const [error, setError] = useState<{ field: FieldName | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<OrganisationCreated | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    getAllAreas()
      .then(setAreas)
      .catch(() => setAreas([]));
  }, []);

  useEffect(() => {
    if (created) doneRef.current?.focus();
  }, [created]);

  function fail(field: FieldName | null, message: string) {
    setError({ field, message });
    setBusy(false);
    if (field) {
      // Wait for the message to render, then take the user to the field.
      setTimeout(() => document.getElementById(FIELD_IDS[field])?.focus(), 0);
    }
  }

  function apiField(caught: ApiError): FieldName | null {
    for (const field of ["name", "legal_form", "size", "sectors", "areas", "username", "password"] as FieldName[]) {
      if (errorIsFor(caught, field)) return field;
    }
    return null;
  }

  const pickList = areas !== null && areas.length > 0;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    // The checks people most often trip on, before asking the server (which checks everything).
    if (name.trim() === "") return fail("name", "Enter the organisation's name.");
    if (legalForm === "") return fail("legal_form", "Choose the organisation's legal form.");
    if (size === "") return fail("size", "Choose the organisation's size.");
    if (sectors.length === 0) return fail("sectors", "Choose at least one sector the organisation works in.");
    if (username.trim() === "") return fail("username", "Choose a username for your first login.");
    if (password.length < MIN_PASSWORD) return fail("password", `The password needs at least ${MIN_PASSWORD} characters.`);
    if (password !== passwordAgain) return fail("password_again", "The two passwords are not the same.");
    const codes = pickList
      ? areaCodes
      : typedAreas
          .split(/[\s,;]+/)
          .map((code) => code.trim().toUpperCase())
          .filter((code) => code !== "");
    setBusy(true);
    try {
      const reply = await registerOrganisation({
        name: name.trim(),
        legal_form: legalForm,
        size,
        sectors,
        areas: codes,
        username: username.trim(),
        password,
      });
      setPassword("");
      setPasswordAgain("");
      setCreated(reply);
    } catch (caught) {
      const apiError = asApiError(caught, "The organisation could not be registered. Please try again.");
      fail(apiField(apiError), apiError.message);
    }
  }

  if (created) {
    return (
      <>
        <PageHeading title="Organisation registered">Organisation registered</PageHeading>
        <div class="message message-success" ref={doneRef} tabIndex={-1} role="status">
          <p>
            <strong>{name.trim()}</strong> is registered with the Regulator. Your username is{" "}
            <strong>{created.username}</strong>.
          </p>
        </div>
        <section class="panel" aria-labelledby="next-heading">
          <h2 id="next-heading">What happens next</h2>
          <ol class="steps">
            <li>Log in with your username and the password you chose.</li>
            <li>Open Licence and apply for the general licence, answering the competency checklist.</li>
            <li>The Regulator reviews your evidence and decides; the decision and its reasons go on the public register.</li>
          </ol>
          <p>
            <a class="button button-primary" href={href(`/login?username=${encodeURIComponent(created.username)}`)}>
              Log in to apply for a licence
            </a>
          </p>
        </section>
      </>
    );
  }

  const invalid = (field: FieldName) => (error?.field === field ? "true" : undefined);
  const errorId = (field: FieldName) => `${FIELD_IDS[field]}-error`;
  const message = (field: FieldName) => (error?.field === field ? error.message : null);
  const shownAreas =
    areas?.filter((area) => {
      const wanted = areaFilter.trim().toLowerCase();
      return wanted === "" || area.name.toLowerCase().includes(wanted) || area.region.toLowerCase().includes(wanted) || area.code.toLowerCase().includes(wanted);
    }) ?? [];
  const areaNames = new Map((areas ?? []).map((area) => [area.code, area.name]));

  function toggle(list: string[], value: string, on: boolean): string[] {
    return on ? (list.includes(value) ? list : [...list, value]) : list.filter((item) => item !== value);
  }

  return (
    <>
      <PageHeading title="Register your organisation">Register your organisation</PageHeading>
      <p class="lead">
        Any organisation of any size or legal form can hold a licence to deliver public services, at any time. Register it
        here, then log in to apply. Registering is free; the licence application costs £250.
      </p>
      <ErrorMessage
        id="register-error"
        message={error ? (error.field ? `${FIELD_LABELS[error.field]}: ${error.message}` : error.message) : null}
      />
      <form class="panel form-panel" onSubmit={submit} noValidate aria-describedby={error ? "register-error" : undefined}>
        <h2>The organisation</h2>
        <div class="field">
          <label for="org-name">Organisation name</label>
          <input
            id="org-name"
            type="text"
            autoComplete="organization"
            maxLength={200}
            value={name}
            aria-invalid={invalid("name")}
            aria-describedby={describedBy(message("name") && errorId("name"))}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <FieldError id={errorId("name")} message={message("name")} />
        </div>
        <div class="form-grid form-grid-2">
          <div class="field">
            <label for="org-legal-form">Legal form</label>
            <select
              id="org-legal-form"
              value={legalForm}
              aria-invalid={invalid("legal_form")}
              aria-describedby={describedBy(message("legal_form") && errorId("legal_form"))}
              onChange={(e) => setLegalForm(e.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {LEGAL_FORMS.map((form) => (
                <option key={form} value={form}>
                  {legalFormLabel(form)}
                </option>
              ))}
            </select>
            <FieldError id={errorId("legal_form")} message={message("legal_form")} />
          </div>
          <div class="field">
            <label for="org-size">Size</label>
            <select
              id="org-size"
              value={size}
              aria-invalid={invalid("size")}
              aria-describedby={describedBy(message("size") && errorId("size"))}
              onChange={(e) => setSize(e.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {SIZES.map((value) => (
                <option key={value} value={value}>
                  {sizeLabel(value)}
                </option>
              ))}
            </select>
            <FieldError id={errorId("size")} message={message("size")} />
          </div>
        </div>

        <fieldset
          class="field choice-group"
          aria-invalid={invalid("sectors")}
          aria-describedby={describedBy("org-sectors-hint", message("sectors") && errorId("sectors"))}
        >
          <legend>Sectors</legend>
          <p id="org-sectors-hint" class="hint">
            The kinds of service you deliver; choose at least one.
          </p>
          <FieldError id={errorId("sectors")} message={message("sectors")} />
          <div class="choices choices-columns">
            {SECTORS.map((sector) => (
              <label key={sector} class="choice">
                <input
                  type="checkbox"
                  id={`org-sector-${sector}`}
                  checked={sectors.includes(sector)}
                  onChange={(e) => setSectors(toggle(sectors, sector, e.currentTarget.checked))}
                />
                {sectorLabel(sector)}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset
          class="field choice-group"
          aria-invalid={invalid("areas")}
          aria-describedby={describedBy("org-areas-hint", message("areas") && errorId("areas"))}
        >
          <legend>Areas (optional)</legend>
          <p id="org-areas-hint" class="hint">
            The local authority districts you work in. A licence has no geographic limit: this only tells citizens
            where to find you.
          </p>
          <FieldError id={errorId("areas")} message={message("areas")} />
          {areas === null ? (
            <p class="loading" role="status">
              Loading districts…
            </p>
          ) : pickList ? (
            <>
              <div class="field field-inline">
                <label for="org-area-filter">Find a district</label>
                <input
                  id="org-area-filter"
                  type="search"
                  autoComplete="off"
                  value={areaFilter}
                  aria-controls="org-area-list"
                  onInput={(e) => setAreaFilter(e.currentTarget.value)}
                />
              </div>
              <div id="org-area-list" class="pick-list" role="group" aria-label="Districts">
                {shownAreas.map((area) => (
                  <label key={area.code} class="choice">
                    <input
                      type="checkbox"
                      checked={areaCodes.includes(area.code)}
                      onChange={(e) => setAreaCodes(toggle(areaCodes, area.code, e.currentTarget.checked))}
                    />
                    {area.name} <span class="muted">{area.region}</span>
                  </label>
                ))}
                {shownAreas.length === 0 && <p class="muted">No district matches “{areaFilter}”.</p>}
              </div>
              <p class="hint" aria-live="polite">
                {areaCodes.length === 0
                  ? "No district chosen."
                  : `Chosen (${areaCodes.length}): ${areaCodes.map((code) => areaNames.get(code) ?? code).join(", ")}`}
              </p>
            </>
          ) : (
            <div class="field">
              <label for="org-area-filter">District codes</label>
              <input
                id="org-area-filter"
                type="text"
                placeholder="e.g. E08000003, E06000001"
                value={typedAreas}
                onInput={(e) => setTypedAreas(e.currentTarget.value)}
              />
            </div>
          )}
        </fieldset>

        <h2>Your first login</h2>
        <p class="hint">You manage the organisation's licence with this account.</p>
        <div class="field">
          <label for="org-username">Username</label>
          <input
            id="org-username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            value={username}
            aria-invalid={invalid("username")}
            aria-describedby={describedBy("org-username-hint", message("username") && errorId("username"))}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
          <p id="org-username-hint" class="hint">
            3 to 64 characters: lower-case letters, digits, “.”, “_” or “-”, starting with a letter.
          </p>
          <FieldError id={errorId("username")} message={message("username")} />
        </div>
        <div class="form-grid form-grid-2">
          <div class="field">
            <label for="org-password">Password</label>
            <input
              id="org-password"
              type="password"
              autoComplete="new-password"
              value={password}
              aria-invalid={invalid("password")}
              aria-describedby={describedBy("org-password-hint", message("password") && errorId("password"))}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
            <p id="org-password-hint" class="hint">
              At least {MIN_PASSWORD} characters.
            </p>
            <FieldError id={errorId("password")} message={message("password")} />
          </div>
          <div class="field">
            <label for="org-password-again">Password again</label>
            <input
              id="org-password-again"
              type="password"
              autoComplete="new-password"
              value={passwordAgain}
              aria-invalid={invalid("password_again")}
              aria-describedby={describedBy(message("password_again") && errorId("password_again"))}
              onInput={(e) => setPasswordAgain(e.currentTarget.value)}
            />
            <FieldError id={errorId("password_again")} message={message("password_again")} />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? "Registering…" : "Register the organisation"}
          </button>
        </div>
      </form>
      <p class="muted">
        Already registered? <a href={href("/login")}>Log in</a>.
      </p>
    </>
  );
}
