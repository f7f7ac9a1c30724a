#!/usr/bin/env node
// Browser test of outcome claims (PAY-4, PAY-7), the satisfaction survey (PAY-6) and skunkworks
// (OUT-4, INN-2), end to end: a real `psl serve` with demo data, driven through Debian's chromium
// by playwright-core.
//
//   (1) the demo provider claims open outcomes of its own customers in "Claims" (the dates chosen
//       from the catalogue's window and sustainment so that each claim is allowed today);
//   (2) the Regulator verifies one claim and rejects another with a reason in its queue, then
//       imports an evidence feed (CSV) that verifies a third, pending, work claim by itself;
//   (3) the provider sees the verified claim with its payment and the rejected one with the
//       reason, and publishes a skunkworks methodology;
//   (4) a citizen with a survey invitation (the demo's, or made through the API: the Regulator's
//       survey job and a login for a sampled customer) answers "How likely are you to recommend
//       this service to a friend?" and sees the confirmation;
//   (5) the public pages render: the satisfaction bar chart with the national rate, and the
//       skunkworks register with the methodology just published.
// Nothing is fetched from another origin and the page throws nothing.
//
// Environment: as browser_test.mjs (PSL_BIN, PSL_WEB_ROOT, PSL_WEB_DIR, PSL_CHROMIUM).

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createHarness, DEMO_PASSWORD, eventually, heading, logInAs, logOut, main, mainNav } from "./harness.mjs";

const NAME = "web_browser_claims";
const OVERALL_TIMEOUT_MS = 150_000;

const h = createHarness({ name: NAME, tmpPrefix: "psl-web-claims-", overallTimeoutMs: OVERALL_TIMEOUT_MS });
const { log, screenshot } = h;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Outcomes a payroll feed verifies (docs/payment.md §3). */
const PAYROLL_OUTCOMES = new Set(["employment_sustained_2y", "median_wage_fraction_3y"]);

// ---- dates (UTC calendar days, the month rule with end-of-month clamping) ----

function parseDay(text) {
  const [y, m, d] = text.slice(0, 10).split("-").map(Number);
  return { y, m, d };
}

function dayText({ y, m, d }) {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function addMonths(text, months) {
  const { y, m, d } = parseDay(text);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return dayText({ y: year, m: month, d: Math.min(d, last) });
}

const TODAY = new Date().toISOString().slice(0, 10);

// ---- the API, for what the test needs to know or set up ----

async function api(base, method, route, { token, body } = {}) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${base}/api/v1${route}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const payload = text === "" ? null : JSON.parse(text);
  return { status: response.status, body: payload };
}

async function session(base, username, password = DEMO_PASSWORD(username)) {
  const reply = await api(base, "POST", "/sessions", { body: { username, password } });
  if (reply.status !== 201 && reply.status !== 200) return null;
  return reply.body.token;
}

async function allPages(base, token, route) {
  const items = [];
  let before = null;
  for (let guard = 0; guard < 100; guard += 1) {
    const reply = await api(base, "GET", `${route}?limit=100${before === null ? "" : `&before=${before}`}`, { token });
    assert.equal(reply.status, 200, `GET ${route} answers 200 (is ${reply.status}: ${JSON.stringify(reply.body)})`);
    items.push(...reply.body.items);
    if (reply.body.next_before === null) break;
    before = reply.body.next_before;
  }
  return items;
}

/**
 * Open outcomes of the provider's registrations that may be claimed today, each with an allowed
 * achieved date: reached on the day of registration, sustained for the catalogue's months by now,
 * and before the deadline (registration + window + sustainment).
 */
function claimable(registrations, catalogue) {
  const rules = new Map(catalogue.outcomes.map((o) => [o.id, o]));
  const found = [];
  for (const registration of registrations) {
    for (const outcome of registration.outcomes) {
      const rule = rules.get(outcome.outcome);
      if (outcome.status !== "open" || !rule) continue;
      const achievedOn = registration.registered_on.slice(0, 10);
      if (achievedOn > TODAY) continue;
      if (addMonths(achievedOn, rule.sustain_months) > TODAY) continue;
      if (TODAY > addMonths(achievedOn, rule.window_months + rule.sustain_months)) continue;
      found.push({
        registration: registration.id,
        citizen: registration.citizen_id,
        outcome: outcome.outcome,
        graded: rule.kind === "graded",
        achievedOn,
      });
    }
  }
  return found;
}

/**
 * Picks the claim the Regulator decides by hand (rejected, then claimed again and verified),
 * preferring an outcome no feed would verify, and a work claim for the evidence feed.
 */
function pickClaims(candidates) {
  const manual = candidates.find((c) => !PAYROLL_OUTCOMES.has(c.outcome)) ?? candidates[0] ?? null;
  const feed = candidates.find((c) => c !== manual && PAYROLL_OUTCOMES.has(c.outcome)) ?? null;
  return { manual, feed };
}

/**
 * A citizen login with an open survey invitation: the demo's `citizen`, or else, after the
 * Regulator's survey job for today, a login made (psl user add) for customers registered long
 * enough ago to have reached the first wave. Returns { username, password, invitation }.
 */
async function citizenWithInvitation(base, regulatorToken) {
  const openInvitation = async (username, password) => {
    const token = await session(base, username, password);
    if (!token) return null;
    const reply = await api(base, "GET", "/me/surveys", { token });
    assert.equal(reply.status, 200, `GET /me/surveys answers 200 for ${username} (is ${reply.status})`);
    const open = reply.body.items.find((item) => item.answer === null);
    return open ? { username, password, invitation: open } : null;
  };

  const demo = await openInvitation("citizen", DEMO_PASSWORD("citizen"));
  if (demo) return demo;

  const job = await api(base, "POST", "/jobs/surveys", { token: regulatorToken, body: { date: TODAY } });
  assert.equal(job.status, 200, `the survey job runs (is ${job.status}: ${JSON.stringify(job.body)})`);
  log(`survey job: ${JSON.stringify(job.body)}`);
  const again = await openInvitation("citizen", DEMO_PASSWORD("citizen"));
  if (again) return again;

  const registrations = await allPages(base, regulatorToken, "/registrations");
  const reachedWave = addMonths(TODAY, -3);
  const citizens = [...new Set(registrations.filter((r) => r.registered_on.slice(0, 10) <= reachedWave).map((r) => r.citizen_id))];
  const password = "a-long-survey-test-password";
  const passwordFile = path.join(h.tmp, "survey-citizen.password");
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  for (const citizen of citizens.slice(0, 16)) {
    const username = `survey-${citizen}`;
    const added = h.runPsl(
      ["user", "add", "--db", h.dbUrl, "--username", username, "--role", "citizen", "--citizen-id", String(citizen), "--password-file", passwordFile],
      "psl user add",
    );
    if (added.status !== 0) {
      log(`psl user add ${username} exited with ${added.status}: ${added.stdout}${added.stderr}`);
      continue;
    }
    const found = await openInvitation(username, password);
    if (found) return found;
  }
  throw new Error(`no citizen with an open survey invitation (looked at the demo citizen and ${Math.min(citizens.length, 16)} customers)`);
}

// ---- browser steps ----

/** Submits one claim through the provider's form; returns the claim id the page announces. */
async function claimInBrowser(page, claim) {
  const select = page.locator("#claim-outcome");
  await select.selectOption(`${claim.registration}:${claim.outcome}`);
  await page.getByLabel("Date the outcome was reached").fill(claim.achievedOn);
  if (claim.graded) {
    await page.getByLabel("Fraction achieved", { exact: true }).fill("0.5");
  } else {
    assert.equal(await page.getByLabel("Fraction achieved", { exact: true }).count(), 0, "a binary outcome asks no fraction");
  }
  await page.getByLabel("Evidence", { exact: true }).fill(`Browser test: ${claim.outcome} reached on ${claim.achievedOn}, records on file.`);
  const notice = page.locator(".message-success", { hasText: /^Claim \d+ submitted/ });
  const noticeId = async () => {
    if ((await notice.count()) === 0) return null;
    return Number(/^Claim (\d+) submitted/.exec(await notice.innerText())[1]);
  };
  const before = await noticeId();
  await page.getByRole("button", { name: "Submit the claim" }).click();
  // The notice of this claim, not the one left by the claim before.
  const id = await eventually("the claim's notice", async () => {
    const shown = await noticeId();
    return shown !== null && shown !== before ? shown : null;
  });
  const row = page.locator(`table.claims-table tr[data-claim-id="${id}"]`);
  await row.waitFor();
  assert.equal(await row.getAttribute("data-status"), "pending", `claim ${id} is listed as pending`);
  const option = select.locator(`option[value="${claim.registration}:${claim.outcome}"]`);
  assert.equal(await option.isDisabled(), true, "an outcome with a claim waiting cannot be claimed twice");
  log(`claim ${id}: registration ${claim.registration}, ${claim.outcome}${claim.graded ? " (graded, 0.5)" : ""}`);
  return id;
}

// ---- the scenario ----

async function scenario(base) {
  const { page } = await h.openPage({ viewport: { width: 1280, height: 900 } });
  const { pageErrors, foreignRequests } = h.watchPage(page, base);
  const stamp = Date.now().toString(36);

  // What may be claimed today, from the provider's own registrations and the catalogue.
  const providerToken = await session(base, "provider");
  assert.ok(providerToken, "the demo provider logs in through the API");
  const catalogue = (await api(base, "GET", "/catalogue")).body;
  const registrations = await allPages(base, providerToken, "/registrations");
  // Outcomes with a claim already waiting or verified (the demo's own) cannot be claimed again.
  const existing = await allPages(base, providerToken, "/claims");
  const live = new Set(existing.filter((c) => c.status !== "rejected").map((c) => `${c.registration_id}:${c.outcome}`));
  const candidates = claimable(registrations, catalogue).filter((c) => !live.has(`${c.registration}:${c.outcome}`));
  const picked = pickClaims(candidates);

  // Skunkworks variants come with catalogue version 2; the demo may publish an older one.
  {
    const government = await session(base, "government");
    const current = (await api(base, "GET", "/catalogue")).body;
    if (!current.outcomes.some((o) => o.skunkworks_variant_of)) {
      const v2 = JSON.parse(fs.readFileSync(path.resolve(here, "../../docs/examples/catalogue_v2.json"), "utf8"));
      const published = await api(base, "POST", "/catalogue", { token: government, body: v2 });
      assert.equal(published.status, 201, `the government publishes catalogue version 2 (is ${published.status}: ${JSON.stringify(published.body)})`);
      log("published catalogue version 2 for its skunkworks variant");
    }
  }
  log(`${registrations.length} registrations, ${candidates.length} claimable outcomes`);
  assert.ok(picked.manual, "the demo provider has an outcome it may claim today");
  const card = (id) => page.locator(`article.claim-card[data-claim-id="${id}"]`);
  const row = (id) => page.locator(`table.claims-table tr[data-claim-id="${id}"]`);
  const manualKey = `${picked.manual.registration}:${picked.manual.outcome}`;

  // ---- (1) the provider claims ----
  await page.goto(`${base}/`);
  await logInAs(page, "provider");
  await mainNav(page).getByRole("link", { name: "Claims" }).click();
  await heading(page, "Claims").waitFor();
  await page.locator("#claim-outcome").waitFor();
  {
    // The page's own checks: nothing chosen.
    await page.getByRole("button", { name: "Submit the claim" }).click();
    await eventually("the outcome error", async () => (await page.locator("#claim-outcome").getAttribute("aria-invalid")) === "true");
  }
  const rejectId = await claimInBrowser(page, picked.manual);
  await screenshot(page, "provider-claim");
  await logOut(page);

  // ---- (2) the Regulator rejects it with a reason ----
  await logInAs(page, "regulator");
  await mainNav(page).getByRole("link", { name: "Claims" }).click();
  await heading(page, "Claims").waitFor();
  await card(rejectId).waitFor();
  assert.match(await card(rejectId).innerText(), /Browser test:/, "the queue shows the provider's evidence");
  await screenshot(page, "regulator-queue");
  await card(rejectId).getByRole("button", { name: `Reject… claim ${rejectId}` }).click();
  await card(rejectId).getByRole("button", { name: "Reject the claim" }).click();
  await eventually("the reason error", async () => (await page.locator(`#claim-${rejectId}-reason`).getAttribute("aria-invalid")) === "true");
  await page.getByLabel(`Reason for rejecting claim ${rejectId}`).fill("The evidence names no employer: resubmit with the payslips.");
  await card(rejectId).getByRole("button", { name: "Reject the claim" }).click();
  await page.getByText(`Claim ${rejectId} rejected`).waitFor();
  await card(rejectId).waitFor({ state: "detached" });
  await logOut(page);

  // ---- (3) the provider sees the rejection and claims again (and a work outcome) ----
  await logInAs(page, "provider");
  await mainNav(page).getByRole("link", { name: "Claims" }).click();
  await row(rejectId).waitFor();
  assert.equal(await row(rejectId).getAttribute("data-status"), "rejected", "the provider sees its claim rejected");
  assert.match(await row(rejectId).innerText(), /names no employer/, "with the Regulator's reason");
  assert.equal(
    await page.locator(`#claim-outcome option[value="${manualKey}"]`).isDisabled(),
    false,
    "a rejected outcome may be claimed again",
  );
  const verifyId = await claimInBrowser(page, picked.manual);
  const feedId = picked.feed ? await claimInBrowser(page, picked.feed) : null;
  await screenshot(page, "provider-claims");
  await logOut(page);

  // ---- (4) the Regulator verifies, and imports an evidence feed ----
  await logInAs(page, "regulator");
  await mainNav(page).getByRole("link", { name: "Claims" }).click();
  await heading(page, "Claims").waitFor();
  await card(verifyId).waitFor();
  await card(verifyId).getByRole("button", { name: `Verify claim ${verifyId}` }).click();
  await page.getByText(`Claim ${verifyId} verified`).waitFor();
  await card(verifyId).waitFor({ state: "detached" });

  // The evidence feed: one spell for the work claim's citizen, from the day it was reached.
  const feedCitizen = picked.feed ? picked.feed.citizen : 999999999;
  const feedStart = picked.feed ? picked.feed.achievedOn : TODAY;
  await page.getByLabel("Name of the feed").fill(`HMRC RTI test ${stamp}`);
  await page.getByLabel("CSV", { exact: true }).fill(`citizen,employer,start,end,earnings\n${feedCitizen},Acme Test Ltd,${feedStart},,23450.00\n`);
  await page.getByRole("button", { name: "Import the feed" }).click();
  const result = page.locator(".feed-result");
  await result.waitFor();
  const resultText = await result.innerText();
  assert.match(resultText, /1 row\b/, `the feed reports its one row (says "${resultText}")`);
  if (feedId !== null) {
    assert.match(resultText, /1 citizen matched/, `the feed's citizen is matched (says "${resultText}")`);
    assert.match(resultText, /1 claim verified/, `the feed verifies the pending work claim (says "${resultText}")`);
    assert.ok((await result.getByRole("link", { name: `Claim ${feedId}` }).count()) === 1, "the verified claim is linked");
  } else {
    assert.match(resultText, /0 claims verified/, "a feed proving nothing verifies nothing");
    log("no work outcome to claim: the feed verifies nothing");
  }
  await screenshot(page, "regulator-feed");

  await page.locator("#claims-status").selectOption("verified");
  await card(verifyId).waitFor();
  assert.match(await card(verifyId).locator(".claim-status").first().innerText(), /Verified/, "the verified claim is listed as verified");
  if (feedId !== null) {
    await card(feedId).waitFor();
    assert.match(await card(feedId).innerText(), /Evidence feed \d+/, "the feed's claim says it was verified by the feed");
  }
  await logOut(page);

  // ---- (5) the provider sees the verified claim with its payment, and publishes a methodology ----
  await logInAs(page, "provider");
  await mainNav(page).getByRole("link", { name: "Claims" }).click();
  await row(verifyId).waitFor();
  assert.equal(await row(verifyId).getAttribute("data-status"), "verified", "the provider sees its claim verified");
  assert.match(await row(verifyId).locator(".claim-payment").innerText(), /^£\d{1,3}(,\d{3})*\.\d{2}$/, "with its payment in pounds and pence");
  await screenshot(page, "provider-decided");
  await mainNav(page).getByRole("link", { name: "Skunkworks" }).click();
  await heading(page, "Skunkworks").waitFor();
  await page.locator("#methodology-form").waitFor();
  let methodologyTitle = `Payroll coaching ${stamp}`;
  if ((await page.locator("#methodology-form .all-published").count()) === 0) {
    await page.getByRole("button", { name: "Publish the methodology" }).click();
    await eventually("the title error", async () => (await page.locator("#methodology-title").getAttribute("aria-invalid")) === "true");
    await page.getByLabel("Title", { exact: true }).fill(methodologyTitle);
    await page.getByLabel("Methodology", { exact: true }).fill("Weekly coaching with the employer for the first six months, and a wage-progression plan.");
    await page.getByRole("button", { name: "Publish the methodology" }).click();
    await page.getByText(`Methodology "${methodologyTitle}" published.`).waitFor();
    await page.locator(".methodology", { hasText: methodologyTitle }).waitFor();
  } else {
    // The demo provider published for every variant already: the public page must show its own.
    methodologyTitle = (await page.locator(".methodology h3").first().innerText()).trim();
    log(`the demo provider has published every methodology already ("${methodologyTitle}")`);
  }
  await logOut(page);

  // ---- (6) a citizen answers the survey ----
  const regulatorToken = await session(base, "regulator");
  const surveyed = await citizenWithInvitation(base, regulatorToken);
  log(`survey: ${surveyed.username}, invitation ${surveyed.invitation.id} about ${surveyed.invitation.provider_name}`);
  await logInAs(page, surveyed.username, surveyed.password);
  await mainNav(page).getByRole("link", { name: "Survey" }).click();
  await heading(page, "Survey").waitFor();
  const form = page.locator(`form.survey-form[data-survey-id="${surveyed.invitation.id}"]`);
  await form.waitFor();
  assert.match(await form.locator("legend").innerText(), /How likely are you to recommend this service to a friend\?/, "the question is asked");
  const answers = await form.locator("label.choice").allInnerTexts();
  assert.deepEqual(
    answers.map((a) => a.trim()),
    ["Extremely likely", "Likely", "Neither likely nor unlikely", "Unlikely", "Extremely unlikely", "Don't know"],
    "five answers and Don't know",
  );
  await form.getByRole("button", { name: "Send my answer" }).click();
  await form.getByText("Choose an answer.").waitFor();
  await form.getByLabel("Extremely likely").check();
  await screenshot(page, "survey");
  await form.getByRole("button", { name: "Send my answer" }).click();
  await page.getByText(`Thank you: your answer about ${surveyed.invitation.provider_name} has been recorded.`).waitFor();
  await form.waitFor({ state: "detached" });
  assert.match(await page.locator(`.answered-list li[data-survey-id="${surveyed.invitation.id}"]`).innerText(), /Extremely likely/, "the answer is listed");
  {
    const token = await session(base, surveyed.username, surveyed.password);
    const mine = await api(base, "GET", "/me/surveys", { token });
    const stored = mine.body.items.find((i) => i.id === surveyed.invitation.id);
    assert.equal(stored.answer, "extremely_likely", "the server has the answer");
  }
  await logOut(page);

  // ---- (7) the public pages ----
  await page.goto(`${base}/#/satisfaction`);
  await heading(page, "Customer satisfaction").waitFor();
  const national = page.locator(".national-rate");
  await national.waitFor();
  assert.match(await national.innerText(), /^\d+(\.\d+)?%$/, "the national rate is a percentage after an answer");
  const bars = page.locator(".satisfaction-chart .chart-row");
  assert.ok((await bars.count()) >= 1, "a bar per provider with answers");
  assert.ok((await page.locator(".satisfaction-chart svg.bar-chart rect.bar-fill").count()) >= 1, "the bars are drawn");
  assert.ok((await page.locator(".satisfaction-chart svg.bar-chart line.bar-best").count()) >= 1, "with the national rate marked");
  assert.match(
    await page.locator(".satisfaction-chart .chart-row", { hasText: surveyed.invitation.provider_name }).innerText(),
    /\d+(\.\d+)?%/,
    "the surveyed provider has a rate",
  );
  await screenshot(page, "satisfaction");

  await page.goto(`${base}/#/skunkworks`);
  await heading(page, "Skunkworks").waitFor();
  await page.locator(".methodology", { hasText: methodologyTitle }).waitFor();
  assert.ok((await page.locator(".variants li[data-variant]").count()) >= 1, "the variants are listed");
  assert.ok((await page.locator("table.skunkworks-shares").count()) === 1, "the share per provider is shown");
  assert.equal(await page.locator("#methodology-form").count(), 0, "the public cannot publish");
  assert.match(await main(page).innerText(), /at most \d+%/, "the page says the most a provider may place");
  await screenshot(page, "skunkworks");

  assert.deepEqual(pageErrors, [], "the pages throw nothing");
  assert.deepEqual(foreignRequests, [], "nothing is fetched from another origin");
}

h.run(scenario, { reportDuration: true });
