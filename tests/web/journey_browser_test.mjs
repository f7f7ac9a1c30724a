#!/usr/bin/env node
// Browser test of the citizen journey (ENT-1, ASM-1..3, TAR-1..4, CHO-1..4), end to end: a real
// `psl serve` with demo data, driven through Debian's chromium by playwright-core. One referral is
// walked from assessment to registration for each format of choice (docs/choice.md):
//
//   (1) free: a member of the public refers themselves online (sign-up), takes the online
//       assessment (eligible for Individual prosperity), sees the itemised prices and the provider
//       comparison (a bar chart drawn; "Not enough data" or a figure shown), chooses the demo
//       provider and sees the confirmation with the locked price.
//   (2) assisted: the referrer refers someone from the JobCentre, runs the assessment with the
//       report's example answers and a recommendation (barriers illiterate, ESL, childhood abuse,
//       no fixed abode, dyslexic; employment sustained 2 years priced from the report's £11,000.00
//       base), draws up a shortlist of 3, and records the citizen's pick from it.
//   (3) professional: the referrer refers someone from court, assesses them (eligible for Lower
//       crime), chooses the demo provider for them, and sees the confirmation.
//   The caseload lists the referred citizens; the demo provider sees its customers, with the locked
//   prices, in "My customers". Nothing is fetched from another origin and the page throws nothing.
//
// Environment: as browser_test.mjs (PSL_BIN, PSL_WEB_ROOT, PSL_WEB_DIR, PSL_CHROMIUM).

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { createHarness, eventually, expectLoginPage, heading, logInAs, logOut, main, mainNav, noSidewaysScroll } from "./harness.mjs";

const NAME = "web_browser_journey";
const OVERALL_TIMEOUT_MS = 150_000;

const h = createHarness({ name: NAME, tmpPrefix: "psl-web-journey-", overallTimeoutMs: OVERALL_TIMEOUT_MS });
const { log, screenshot } = h;

const here = path.dirname(fileURLToPath(import.meta.url));
/** The report's example person (docs/examples/report_example_answers.json). */
const REPORT_ANSWERS = JSON.parse(fs.readFileSync(path.resolve(here, "../../docs/examples/report_example_answers.json"), "utf8"));

/** Not in work, no barriers: eligible for Individual prosperity only. */
const FREE_ANSWERS = {
  ...REPORT_ANSWERS,
  reading: "easily",
  english_first_language: "yes",
  abused_as_child: "no",
  dyslexia: "no",
  housing_now: "renting",
};

/** Facing a custodial sentence, in work: eligible for Lower crime. */
const COURT_ANSWERS = {
  ...REPORT_ANSWERS,
  convicted: "yes",
  custody: "facing_sentence",
  working_now: "full_time",
  months_since_paid_work: "0",
  receives_benefits: "no",
  monthly_income_pounds: "2100",
};

/** The demo's own provider (the `provider` login belongs to it). */
const DEMO_PROVIDER = "Demonstration Employment Services CIC";

// ---- helpers ----

/** Fills the assessment form from answers, question by question (radios by id, numbers typed). */
async function answerQuestionnaire(page, answers) {
  await page.locator("form.assessment-form").waitFor();
  for (const [question, answer] of Object.entries(answers)) {
    const radio = page.locator(`#q-${question}-${answer}`);
    if ((await radio.count()) > 0) {
      await radio.check();
    } else {
      await page.locator(`#q-${question}`).fill(answer);
    }
  }
}

/** Chooses a district in the person form by its code (a select, or typed when areas are missing). */
async function chooseDistrict(page, id, code) {
  const field = page.locator(`#${id}`);
  await eventually("the districts to load", async () => (await field.evaluate((el) => el.tagName)) === "SELECT" || !(await field.getAttribute("placeholder"))?.startsWith("Loading"));
  if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(code);
  else await field.fill(code);
}

async function referCitizen(page, { source, name, born, area }) {
  await mainNav(page).getByRole("link", { name: "Referrals" }).click();
  await heading(page, "Your caseload").waitFor();
  await page.getByRole("link", { name: "Refer a citizen" }).click();
  await heading(page, "Refer a citizen").waitFor();
  await page.getByLabel("Referred by").selectOption(source);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Date of birth").fill(born);
  await chooseDistrict(page, "refer-area-code", area);
  await page.getByLabel("Notes (optional)").fill(`Referred by the ${source} in the browser test.`);
  await page.getByRole("button", { name: "Record the referral" }).click();
  await heading(page, name).waitFor();
  await page.getByText("Referral recorded").waitFor();
}

/** From a record: the assessment, saved; back on the record with the notice. */
async function assessFromRecord(page, answers, recommendations) {
  await page.getByRole("link", { name: /Run the assessment|Take the online assessment/ }).click();
  await heading(page, /assessment/i).waitFor();
  await answerQuestionnaire(page, answers);
  if (recommendations) await page.getByLabel("Professional recommendations (optional)").fill(recommendations);
  await page.getByRole("button", { name: "Save the assessment" }).click();
  await page.getByText("Assessment saved").waitFor();
  await page.locator(".assessment-panel").getByText("Latest assessment taken on").waitFor();
}

async function openChoice(page, endResultName) {
  const row = page.locator("table.choices-table tbody tr", { hasText: endResultName });
  await row.getByRole("link", { name: /Compare providers/ }).click();
  await heading(page, `Choose a provider: ${endResultName}`).waitFor();
  await page.locator(".provider-card").first().waitFor();
}

function providerCard(page, name) {
  return page.locator(".provider-card", { has: page.getByRole("heading", { level: 3, name, exact: true }) });
}

/** Clicks the provider's choose button, confirms, and waits for the confirmation page. */
async function chooseProvider(page, name) {
  const card = providerCard(page, name);
  await card.getByRole("button", { name: new RegExp(`^(Choose|Choose for them|Record their choice:) ${escape(name)}$`) }).click();
  await card.getByRole("button", { name: `Register with ${name}` }).click();
  await heading(page, `Registered with ${name}`).waitFor();
  await page.getByText("The prices below are locked").waitFor();
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Asserts the comparison draws a bar chart and shows each figure as a number or "Not enough data". */
async function expectComparison(page) {
  const charts = page.locator(".provider-card svg.bar-chart");
  assert.ok((await charts.count()) >= 4, "each provider has a bar chart (SVG)");
  assert.ok((await page.locator(".provider-card svg.bar-chart rect.bar-track").count()) > 0, "the charts draw their bars");
  const figures = await page.locator(".provider-card .figure").allInnerTexts();
  assert.ok(figures.length > 0, "figures are shown beside the bars");
  for (const figure of figures) {
    assert.match(figure.trim(), /^(Not enough data|\d+(\.\d+)?%( \(.*\))?)$/, `a figure is a percentage or "Not enough data" (is "${figure}")`);
  }
  const missing = figures.filter((f) => f.trim() === "Not enough data").length;
  const filled = await page.locator(".provider-card svg.bar-chart rect.bar-fill").count();
  assert.ok(missing > 0 || filled > 0, "some figure is shown, as a bar or as \"Not enough data\"");
  log(`comparison: ${await page.locator(".provider-card").count()} providers, ${filled} bars filled, ${missing} "Not enough data"`);
}

async function lockedPriceShown(page) {
  const total = (await page.locator(".registration-total").innerText()).trim();
  assert.match(total, /^£\d{1,3}(,\d{3})*\.\d{2}$/, `the locked total is pounds and pence (is "${total}")`);
  assert.ok((await page.locator("#locked-heading").count()) === 1, "the confirmation has the locked prices");
  assert.ok((await page.locator(".price-card").count()) > 0, "each outcome's locked price is itemised");
  return total;
}

// ---- the scenario ----

async function scenario(base) {
  const { page } = await h.openPage({ viewport: { width: 1280, height: 900 } });
  const { pageErrors, foreignRequests } = h.watchPage(page, base);
  const stamp = Date.now().toString(36);

  // ---- (1) free choice: online self-referral by a member of the public ----
  const freeName = `Alex Online ${stamp}`;
  const freeUser = `alex-${stamp}`;
  await page.goto(`${base}/#/sign-up`);
  await heading(page, "Refer yourself online").waitFor();
  await page.getByLabel("Your full name").fill(freeName);
  await page.getByLabel("Date of birth").fill("1992-05-14");
  await chooseDistrict(page, "signup-area-code", "E08000021");
  await page.getByLabel("Username").fill(freeUser);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Password again").fill("short");
  await page.getByRole("button", { name: "Refer myself" }).click();
  await eventually("the page's password error", async () => (await page.locator("#signup-password").getAttribute("aria-invalid")) === "true");
  await page.getByLabel("Password", { exact: true }).fill("a-long-test-password");
  await page.getByLabel("Password again").fill("a-long-test-password");
  await screenshot(page, "sign-up");
  await page.getByRole("button", { name: "Refer myself" }).click();
  await heading(page, "My record").waitFor({ timeout: 20_000 });
  await page.getByText("you have referred yourself").waitFor();
  assert.match(await page.locator("header").innerText(), new RegExp(freeUser), "signed up and logged in");
  assert.match(await main(page).innerText(), /Self-referral/, "the record shows the self-referral");
  await assessFromRecord(page, FREE_ANSWERS, null);
  assert.equal(await page.getByLabel("Professional recommendations (optional)").count(), 0, "a citizen has no recommendations box");
  assert.match(await main(page).innerText(), /Individual prosperity/, "eligible for Individual prosperity");
  await screenshot(page, "free-record-assessed");
  await openChoice(page, "Individual prosperity");
  assert.match(await page.locator(".entry-lead").innerText(), /Free choice/, "a self-referral online for Individual prosperity is free choice");
  {
    const prices = page.locator("#prices-heading").locator("..").locator(".price-card");
    assert.ok((await prices.count()) >= 1, "the prices are shown");
    const first = prices.first();
    assert.match(await first.locator(".price-total").innerText(), /£\d[\d,]*\.\d{2}/, "a price in pounds and pence");
    await first.locator("summary").click();
    assert.ok((await first.locator("tr[data-kind=core]").count()) === 1, "the itemised price has its core payment");
    assert.ok((await first.locator("tr[data-kind=geographic_weight]").count()) === 1, "and the geographic weight");
  }
  await expectComparison(page);
  await screenshot(page, "free-choice");
  await chooseProvider(page, DEMO_PROVIDER);
  const freeTotal = await lockedPriceShown(page);
  assert.match(await main(page).innerText(), /Free choice/, "the registration says free choice");
  await screenshot(page, "free-registered");
  await logOut(page);

  // ---- (2) assisted choice: a JobCentre referral ----
  await logInAs(page, "referrer");
  const assistedName = `Sam Report ${stamp}`;
  await referCitizen(page, { source: "jobcentre", name: assistedName, born: "1991-02-03", area: "E06000001" });
  await assessFromRecord(page, REPORT_ANSWERS, "Start with literacy support before job search.");
  {
    const text = await main(page).innerText();
    for (const barrier of ["Illiterate", "English as a second language", "History of abuse as a child", "No fixed abode", "Dyslexic"]) {
      assert.ok(text.includes(barrier), `the assessment finds the barrier "${barrier}"`);
    }
    const card = page.locator(".assessment-panel .price-card[data-outcome=employment_sustained_2y]");
    assert.match(await card.locator(".price-base").innerText(), /^£11,000\.00$/, "employment sustained 2 years is priced from the report's base of £11,000.00");
    assert.ok(text.includes("Start with literacy support"), "the recommendations are on the record");
  }
  await screenshot(page, "assisted-record-assessed");
  await openChoice(page, "Individual prosperity");
  assert.match(await page.locator(".entry-lead").innerText(), /Assisted choice/, "a JobCentre referral for Individual prosperity is assisted choice");
  assert.ok(
    (await main(page).innerText()).includes("£11,000.00"),
    "the choice page shows the £11,000.00 base",
  );
  await expectComparison(page);
  // No choose button before a shortlist; too short a shortlist is refused by the page.
  assert.equal(await page.getByRole("button", { name: /^Record their choice:/ }).count(), 0, "no pick before the shortlist");
  const cards = page.locator(".provider-card");
  const shortlisted = [];
  for (let i = 0; i < 3; i += 1) {
    const card = cards.nth(i + 1);
    shortlisted.push((await card.locator("h3").innerText()).trim());
    await card.getByRole("checkbox").check();
  }
  await screenshot(page, "assisted-shortlist");
  await page.getByRole("button", { name: "Save the shortlist" }).click();
  await page.getByText("Shortlist saved: 3 providers").waitFor();
  assert.equal(await page.locator(".provider-card.on-shortlist").count(), 3, "three providers are on the shortlist");
  // The citizen has no login: the referrer records their pick from the shortlist.
  await chooseProvider(page, shortlisted[1]);
  await lockedPriceShown(page);
  assert.match(await main(page).innerText(), /Assisted choice/, "the registration says assisted choice");
  assert.ok((await main(page).innerText()).includes("£11,000.00"), "the locked price keeps the £11,000.00 base");
  await screenshot(page, "assisted-registered");

  // ---- (3) professional choice: a court referral ----
  const courtName = `Pat Court ${stamp}`;
  await referCitizen(page, { source: "court", name: courtName, born: "1985-08-21", area: "E08000003" });
  await assessFromRecord(page, COURT_ANSWERS, "Court ordered support; choose a provider with an offending track record.");
  assert.match(await main(page).innerText(), /Lower crime/, "eligible for Lower crime");
  await openChoice(page, "Lower crime");
  assert.match(await page.locator(".entry-lead").innerText(), /Professional choice/, "a court referral is professional choice");
  await expectComparison(page);
  await chooseProvider(page, DEMO_PROVIDER);
  const courtTotal = await lockedPriceShown(page);
  assert.match(await main(page).innerText(), /Professional choice/, "the registration says professional choice");
  await screenshot(page, "professional-registered");

  // The caseload lists both referrals.
  await mainNav(page).getByRole("link", { name: "Referrals" }).click();
  await heading(page, "Your caseload").waitFor();
  await page.locator("table.caseload-table tbody tr").first().waitFor();
  {
    const text = await page.locator("table.caseload-table").innerText();
    assert.ok(text.includes(assistedName), "the caseload lists the JobCentre referral");
    assert.ok(text.includes(courtName), "the caseload lists the court referral");
  }
  await screenshot(page, "caseload");
  await logOut(page);

  // ---- the provider sees its customers with their locked prices ----
  await logInAs(page, "provider");
  await mainNav(page).getByRole("link", { name: "My customers" }).click();
  await heading(page, "My customers").waitFor();
  await page.locator("table.customers-table tbody tr").first().waitFor();
  {
    const table = page.locator("table.customers-table");
    const text = await table.innerText();
    assert.ok(text.includes(freeName), "the provider sees the self-referred customer");
    assert.ok(text.includes(courtName), "the provider sees the court-referred customer");
    assert.ok(!text.includes(assistedName), "the provider does not see another provider's customer");
    const row = table.locator("tbody tr", { hasText: courtName });
    assert.equal((await row.locator("td[data-label='Locked price']").innerText()).trim(), courtTotal, "the locked price is the one shown at registration");
    const freeRow = table.locator("tbody tr", { hasText: freeName });
    assert.equal((await freeRow.locator("td[data-label='Locked price']").innerText()).trim(), freeTotal, "and the free-choice customer's");
    await screenshot(page, "provider-customers");
    await row.getByRole("link", { name: courtName }).click();
    await heading(page, courtName).waitFor();
    await page.locator("#locked-heading").waitFor();
  }

  // Phone width: the choice comparison and the customers list do not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page, "a provider's customer");
  await logOut(page);
  await logInAs(page, freeUser, "a-long-test-password");
  await mainNav(page).getByRole("link", { name: "Choose a provider" }).click();
  await heading(page, "Choose a provider").waitFor();
  await page.locator("table.choices-table tbody tr").first().waitFor();
  await page.locator("table.choices-table").getByRole("link", { name: DEMO_PROVIDER }).click();
  await heading(page, `Registered with ${DEMO_PROVIDER}`).waitFor();
  await noSidewaysScroll(page, "the citizen's registration");
  await screenshot(page, "phone-registration");

  // The public price calculator gives the report's worked example.
  await logOut(page);
  await page.goto(`${base}/#/prices`);
  await heading(page, "Price calculator").waitFor();
  await eventually("the outcomes to load", async () => (await page.locator("#quote-outcome option").count()) > 1);
  await page.getByLabel("Outcome").selectOption("employment_sustained_2y");
  for (const barrier of ["Illiterate", "English as a second language", "History of abuse as a child", "No fixed abode", "Dyslexic"]) {
    await page.getByLabel(barrier, { exact: true }).check();
  }
  await chooseDistrict(page, "quote-area", "E06000001");
  await page.getByRole("button", { name: "Work out the price" }).click();
  await page.locator(".quote-result .price-card").waitFor();
  assert.equal((await page.locator(".quote-result .price-base").innerText()).trim(), "£11,000.00", "the calculator's base is £11,000.00");
  await screenshot(page, "price-calculator");

  assert.deepEqual(pageErrors, [], "the pages throw nothing");
  assert.deepEqual(foreignRequests, [], "nothing is fetched from another origin");
}

h.run(scenario, { reportDuration: true });
