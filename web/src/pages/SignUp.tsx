// Online self-referral for a member of the public not yet known to PSL (ENT-1, ENT-2): their
// record, their login and the self-referral in one step, then straight on to their record.

import { useState } from "preact/hooks";
import { logIn } from "../api";
import { signUp } from "../journey";
import type { PageProps } from "../nav";
import { href } from "../router";
import { ErrorMessage, PageHeading } from "./common";
import { checkPerson, EMPTY_PERSON, personBody, personFieldOf, PersonFields, setNotice, useAreas, type PersonForm } from "./journey-common";
import { asApiError, describedBy, FieldError } from "./licensing-common";

const MIN_PASSWORD = 10;

const IDS: Record<string, string> = {
  username: "signup-username",
  password: "signup-password",
  password_again: "signup-password-again",
};

export function SignUpPage(_props: PageProps) {
  const areas = useAreas();
  const [person, setPerson] = useState<PersonForm>(EMPTY_PERSON);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [passwordAgain, setPasswordAgain] = useState("");
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  function fail(field: string | null, message: string) {
    setError({ field, message });
    setBusy(false);
    setTimeout(() => {
      const id = field ? (IDS[field] ?? `signup-${field.replace(/_/g, "-")}`) : "signup-error";
      document.getElementById(id)?.focus();
    }, 0);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const problem = checkPerson(person);
    if (problem) return fail(problem.field, problem.message);
    if (username.trim() === "") return fail("username", "Choose a username.");
    if (password.length < MIN_PASSWORD) return fail("password", `The password needs at least ${MIN_PASSWORD} characters.`);
    if (password !== passwordAgain) return fail("password_again", "The two passwords are not the same.");
    setBusy(true);
    try {
      await signUp({ username: username.trim(), password, source: "online", person: personBody(person) });
    } catch (caught) {
      const apiError = asApiError(caught, "You could not be signed up. Please try again.");
      const field = personFieldOf(apiError) ?? (apiError.field === "username" || apiError.field === "password" ? apiError.field : null);
      return fail(field, apiError.message);
    }
    try {
      await logIn(username.trim(), password);
    } catch {
      // The record and the login exist: send them to log in by hand.
      window.location.hash = `/login?username=${encodeURIComponent(username.trim())}`;
      return;
    }
    setNotice("Welcome to PSL: you have referred yourself. Take the online assessment next.");
    // Start the app again with the new session: it finds out who is logged in and opens the record.
    window.location.hash = "/my-record";
    window.location.reload();
  }

  const message = (field: string) => (error?.field === field ? error.message : null);
  const invalid = (field: string) => (error?.field === field ? "true" : undefined);

  return (
    <>
      <PageHeading title="Refer yourself">Refer yourself online</PageHeading>
      <p class="lead">
        PSL pays licensed providers to help people into work, out of debt, to better health and away from crime, and only
        when the help works. Tell us who you are, take the online assessment, then compare the providers and choose one. It is
        free for you.
      </p>
      <ErrorMessage id="signup-error" message={error && !error.field ? error.message : null} />
      <form class="panel form-panel" onSubmit={submit} noValidate>
        <h2>About you</h2>
        <PersonFields prefix="signup" form={person} onChange={setPerson} error={error} areas={areas} you />
        <h2>Your login</h2>
        <p class="hint">You use it to come back to your record, see your choices and make a complaint.</p>
        <div class="field">
          <label for="signup-username">Username</label>
          <input
            id="signup-username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            value={username}
            aria-invalid={invalid("username")}
            aria-describedby={describedBy("signup-username-hint", message("username") && "signup-username-error")}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
          <p id="signup-username-hint" class="hint">
            3 to 64 characters: lower-case letters, digits, “.”, “_” or “-”, starting with a letter.
          </p>
          <FieldError id="signup-username-error" message={message("username")} />
        </div>
        <div class="form-grid form-grid-2">
          <div class="field">
            <label for="signup-password">Password</label>
            <input
              id="signup-password"
              type="password"
              autoComplete="new-password"
              value={password}
              aria-invalid={invalid("password")}
              aria-describedby={describedBy("signup-password-hint", message("password") && "signup-password-error")}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
            <p id="signup-password-hint" class="hint">
              At least {MIN_PASSWORD} characters.
            </p>
            <FieldError id="signup-password-error" message={message("password")} />
          </div>
          <div class="field">
            <label for="signup-password-again">Password again</label>
            <input
              id="signup-password-again"
              type="password"
              autoComplete="new-password"
              value={passwordAgain}
              aria-invalid={invalid("password_again")}
              aria-describedby={describedBy(message("password_again") && "signup-password-again-error")}
              onInput={(e) => setPasswordAgain(e.currentTarget.value)}
            />
            <FieldError id="signup-password-again-error" message={message("password_again")} />
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button button-primary" disabled={busy}>
            {busy ? "Signing up…" : "Refer myself"}
          </button>
        </div>
      </form>
      <p class="muted">
        Already signed up? <a href={href("/login")}>Log in</a>. Referred by a professional? They will help you with the
        assessment and the choice.
      </p>
    </>
  );
}
