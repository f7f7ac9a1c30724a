#!/usr/bin/env node
// Browser test of the regulation pages (REG-2 inspections, REG-3 and CHO-6 complaints), end to
// end: a real `psl serve` with demo data, driven through Debian's chromium by playwright-core.
//
// Environment: as browser_test.mjs (PSL_BIN, PSL_WEB_ROOT, PSL_WEB_DIR, PSL_CHROMIUM).
//
// What it checks:
//   (a) the inspector records a visit to a demo provider with the rubric form (the API's field
//       error for a visit date in the future is shown under the date), saving a draft; the public
//       cannot see the draft; the regulator publishes it after a confirmation step, and, as it
//       records malpractice, is pointed at the provider's licence to propose suspension; the public
//       register entry of the provider's licence shows the finding.
//   (b) a member of the public complains about that provider from its register entry (the page
//       asks for the email; the API's field error for a bad one is shown) and sees the response
//       deadline; another complaint, from the login page's link, is about the demo provider's own
//       organisation, which responds to it as `provider`; the regulator finds it with the filters
//       and closes it with an outcome and reasons; the citizen sees their (empty) complaints.
//   Phone width: the complaint form, a register entry with findings and a complaint page do not
//   scroll sideways. Nothing is fetched from another origin and the page throws nothing.
//   Screenshots are kept in the temporary folder.

import assert from "node:assert/strict";

import {
  createHarness,
  eventually,
  expectLoginPage,
  heading,
  logInAs,
  logOut,
  main,
  mainNav,
  noSidewaysScroll,
} from "./harness.mjs";

const NAME = "web_browser_regulation";
const OVERALL_TIMEOUT_MS = 110_000;

const h = createHarness({ name: NAME, tmpPrefix: "psl-web-regulation-", overallTimeoutMs: OVERALL_TIMEOUT_MS });
const { log, screenshot } = h;

// ---- the scenario ----

async function apiGet(base, pathAndQuery, token = null) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/api/v1${pathAndQuery}`, { headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Every licence on the public register (a few pages of 500). */
async function wholeRegister(base) {
  const items = [];
  let after = null;
  for (let guard = 0; guard < 10; guard += 1) {
    const { status, body } = await apiGet(base, `/register?limit=500${after ? `&after=${after}` : ""}`);
    assert.equal(status, 200, "GET /register answers 200");
    items.push(...body.items);
    if (body.next_after === null) break;
    after = body.next_after;
  }
  return items;
}

/** What the page shows for a date (formatDate in web/src/licensing.ts). */
function shownDate(isoDate) {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" }).format(
    Date.parse(`${isoDate}T00:00:00Z`),
  );
}

async function scenario(base) {
  const { page } = await h.openPage({ viewport: { width: 1280, height: 900 }, timezoneId: "UTC" });
  const { pageErrors, foreignRequests } = h.watchPage(page, base);

  const rubric = (await apiGet(base, "/rubric")).body;
  assert.ok(Array.isArray(rubric?.criteria) && rubric.criteria.length > 0, "GET /api/v1/rubric lists criteria");

  // The provider visited: a demo provider with a granted licence ("Northern Pathways Ltd", or the
  // first granted one that is not the demo login's own organisation).
  const OWN_ORG = "Demonstration Employment Services CIC";
  const register = await wholeRegister(base);
  const granted = register.filter((item) => item.status === "granted" && item.kind === "general");
  const target =
    granted.find((item) => item.provider_name.startsWith("Northern Pathways")) ??
    granted.find((item) => item.provider_name !== OWN_ORG);
  assert.ok(target, "the demo has a granted provider to inspect");
  const own = granted.find((item) => item.provider_name === OWN_ORG);
  assert.ok(own, `the demo register has ${OWN_ORG}, granted`);
  log(`inspecting ${target.provider_name} (provider ${target.provider_id}, licence ${target.id})`);

  const stamp = Date.now().toString(36);
  const findingText = `Staff were courteous but offered a £50 voucher to sign up (visit ${stamp}).`;

  // ---- (a) the inspector records a visit; the regulator publishes it ----

  await page.goto(`${base}/`);
  await logInAs(page, "inspector");
  await mainNav(page).getByRole("link", { name: "Inspections" }).click();
  await heading(page, "Inspections").waitFor();
  await page.getByRole("link", { name: "Record a visit" }).click();
  await heading(page, "Record a visit").waitFor();

  // No provider chosen: the page says so under the picker.
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await eventually("the provider error", async () => (await page.locator("#visit-provider-error").count()) > 0);
  assert.match(await page.locator("#visit-provider-error").innerText(), /Choose the provider/, "the picker asks for a provider");

  // The picker: type part of the name, choose from the matches.
  await page.getByLabel("Provider", { exact: true }).fill(target.provider_name.split(" ").slice(0, 2).join(" "));
  await page.getByRole("button", { name: target.provider_name, exact: true }).click();
  await page.locator(".chosen-provider").getByText(target.provider_name).waitFor();

  // Every criterion: 4 for a score; for a flag, the adverse answer (an inducement was offered).
  for (const criterion of rubric.criteria) {
    const group = page.getByRole("group", { name: criterion.label });
    if (criterion.kind === "score") await group.getByLabel("4", { exact: true }).check();
    else await group.getByLabel(criterion.adverse_answer ? "Yes" : "No", { exact: true }).check();
  }
  await page.getByLabel("Written finding").fill(findingText);
  await page.getByLabel("Malpractice found on this visit").check();

  // A visit date in the future: the API names the field and the page shows its message there.
  await page.getByLabel("Date of the visit").fill("2099-01-01");
  {
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/api/v1/inspections` && r.request().method() === "POST"),
      page.getByRole("button", { name: "Save as a draft" }).click(),
    ]);
    assert.equal(reply.status(), 400, "a visit in the future is refused with 400");
    const body = await reply.json();
    assert.equal(body.error.field, "visit_date", "the API names the visit date");
    await eventually("the date marked invalid", async () =>
      (await page.getByLabel("Date of the visit").getAttribute("aria-invalid")) === "true",
    );
    assert.ok((await page.locator("#visit-date-error").innerText()).includes(body.error.message), "the API's message is under the date");
    await screenshot(page, "visit-date-error");
  }
  const visitDate = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Date of the visit").fill(visitDate);
  await screenshot(page, "visit-form-filled");
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await heading(page, "Inspections").waitFor();
  await page.getByText(/recorded as draft \d+/).waitFor();
  const draftRow = page.locator("tbody tr[data-inspection-id]").filter({ hasText: target.provider_name }).first();
  await draftRow.waitFor();
  const inspectionId = Number(await draftRow.getAttribute("data-inspection-id"));
  assert.ok(inspectionId > 0, "the draft has a number");
  assert.match(await draftRow.innerText(), /Draft/, "the list shows it as a draft");
  await screenshot(page, "inspector-drafts");

  // The inspector can open and edit the draft.
  await draftRow.getByRole("link", { name: /Edit/ }).click();
  await heading(page, `Edit draft ${inspectionId}`).waitFor();
  assert.equal(await page.getByLabel("Written finding").inputValue(), findingText, "the draft keeps the finding");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await page.getByText("Draft saved.").waitFor();
  await logOut(page);
  log(`inspection ${inspectionId} recorded as a draft`);

  // The public cannot see the draft.
  {
    const findings = await apiGet(base, `/providers/${target.provider_id}/findings`);
    assert.equal(findings.status, 200, "the provider's findings are public");
    assert.ok(!findings.body.items.some((item) => item.id === inspectionId), "the draft is not among the public findings");
    const direct = await apiGet(base, `/inspections/${inspectionId}`);
    assert.notEqual(direct.status, 200, "the public cannot read the draft directly");
  }
  await page.goto(`${base}/#/register/${target.id}`);
  await heading(page, target.provider_name).waitFor();
  await page.locator(".findings-panel .loading").waitFor({ state: "detached" });
  assert.ok(!(await page.locator(".findings-panel").innerText()).includes(findingText), "the register entry does not show the draft");

  // The regulator publishes it, after a confirmation step.
  await page.goto(`${base}/`);
  await logInAs(page, "regulator");
  await mainNav(page).getByRole("link", { name: "Inspections" }).click();
  await heading(page, "Inspections").waitFor();
  const regulatorRow = page.locator(`tbody tr[data-inspection-id="${inspectionId}"]`);
  await regulatorRow.waitFor();
  await screenshot(page, "regulator-drafts");
  await regulatorRow.getByRole("link", { name: /Check and publish/ }).click();
  await heading(page, new RegExp(`inspection ${inspectionId}`)).waitFor();
  await page.getByRole("button", { name: "Publish…" }).click();
  await screenshot(page, "publish-confirm");
  await page.getByRole("button", { name: "Publish the finding" }).click();
  await page.getByText("Finding published.").waitFor();
  assert.equal((await page.locator(".entry-lead .status-badge").first().innerText()).trim(), "Published", "the inspection is published");
  // Malpractice: the page suggests suspension and links to the provider's licence in the casework.
  const suggestion = page.locator(".suspension-suggested");
  await suggestion.waitFor();
  const licenceLink = suggestion.locator(`a[href="#/licences/${target.id}"]`);
  await licenceLink.waitFor();
  await screenshot(page, "published-suspension-suggested");
  await licenceLink.click();
  await heading(page, new RegExp(`licence ${target.id}`)).waitFor();
  await logOut(page);

  // The public register entry shows the finding.
  const published = (await apiGet(base, `/providers/${target.provider_id}/findings`)).body.items.find((i) => i.id === inspectionId);
  assert.ok(published, "the published finding is public");
  await page.goto(`${base}/#/register/${target.id}`);
  await heading(page, target.provider_name).waitFor();
  const findingCard = page.locator(`.findings-panel [data-inspection-id="${inspectionId}"]`);
  await findingCard.waitFor();
  {
    const shown = await findingCard.innerText();
    assert.ok(shown.includes(findingText), "the register entry shows the finding's text");
    assert.ok(shown.includes(published.overall_score), `the register entry shows the overall score ${published.overall_score}`);
    assert.ok(shown.includes(shownDate(visitDate)), "the register entry shows the visit date");
    assert.match(shown, /Malpractice found/, "the register entry shows the malpractice");
    assert.match(shown, /counts against the provider/, "the adverse flag is marked");
  }
  await screenshot(page, "register-entry-finding");

  // ---- (b) complaints ----

  // The public complains about that provider from its register entry.
  await page.getByRole("link", { name: "Complain about this provider" }).click();
  await heading(page, "Make a complaint about a provider").waitFor();
  await page.locator(".chosen-provider").getByText(target.provider_name).waitFor();
  await page.getByLabel("Quality of service").check();
  const complaintText = `The adviser was rude and my appointment was cancelled twice (${stamp}).`;
  await page.getByLabel("What happened?").fill(complaintText);
  await page.getByRole("button", { name: "Send the complaint" }).click();
  await eventually("the email error", async () => (await page.getByLabel("Your email address").getAttribute("aria-invalid")) === "true");
  await page.getByLabel("Your email address").fill("not-an-email");
  {
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/api/v1/complaints` && r.request().method() === "POST"),
      page.getByRole("button", { name: "Send the complaint" }).click(),
    ]);
    assert.equal(reply.status(), 400, "a bad email is refused with 400");
    const body = await reply.json();
    assert.equal(body.error.field, "contact_email", "the API names the email");
    await eventually("the API's email message", async () =>
      (await page.locator("#complaint-email-error").innerText()).includes(body.error.message),
    );
    await screenshot(page, "complaint-email-error");
  }
  await page.getByLabel("Your email address").fill(`member.${stamp}@example.org`);
  let firstComplaint;
  {
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/api/v1/complaints` && r.request().method() === "POST"),
      page.getByRole("button", { name: "Send the complaint" }).click(),
    ]);
    assert.equal(reply.status(), 201, "the complaint is filed");
    firstComplaint = await reply.json();
  }
  await heading(page, "Complaint received").waitFor();
  assert.equal(
    (await page.locator(".confirmation-deadline .deadline").innerText()).trim(),
    shownDate(firstComplaint.response_due),
    "the confirmation shows the response deadline",
  );
  await screenshot(page, "complaint-received");

  // Another, from the login page's link, about the demo provider's own organisation.
  await page.goto(`${base}/`);
  await expectLoginPage(page, "before the second complaint");
  await page.getByRole("link", { name: "Make a complaint" }).click();
  await heading(page, "Make a complaint about a provider").waitFor();
  await page.getByLabel("Provider", { exact: true }).fill("Demonstration Emp");
  await page.getByRole("button", { name: OWN_ORG, exact: true }).click();
  await page.getByLabel("Inducements to choose the provider").check();
  const inducementText = `I was offered a free phone if I chose them (${stamp}).`;
  await page.getByLabel("What happened?").fill(inducementText);
  await page.getByLabel("Your email address").fill(`second.${stamp}@example.org`);
  await screenshot(page, "complaint-form-filled");
  let ownComplaint;
  {
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/api/v1/complaints` && r.request().method() === "POST"),
      page.getByRole("button", { name: "Send the complaint" }).click(),
    ]);
    assert.equal(reply.status(), 201, "the second complaint is filed");
    ownComplaint = await reply.json();
  }
  await heading(page, "Complaint received").waitFor();
  assert.match(await main(page).innerText(), new RegExp(`${OWN_ORG} must respond by`), "the confirmation names the provider");

  // The provider responds.
  await page.goto(`${base}/`);
  await logInAs(page, "provider");
  await mainNav(page).getByRole("link", { name: "Complaints" }).click();
  await heading(page, "Complaints about you").waitFor();
  const providerRow = page.locator(`tbody tr[data-complaint-id="${ownComplaint.id}"]`);
  await providerRow.waitFor();
  assert.equal(await page.locator(`tbody tr[data-complaint-id="${firstComplaint.id}"]`).count(), 0, "the provider sees only complaints about itself");
  await screenshot(page, "provider-complaints");
  await providerRow.getByRole("link", { name: `Complaint ${ownComplaint.id}` }).click();
  await heading(page, `Complaint ${ownComplaint.id}`).waitFor();
  await page.locator(".complaint-text").waitFor();
  assert.ok((await page.locator(".complaint-text").innerText()).includes(inducementText), "the provider reads the complaint");
  const responseText = `We have reminded every adviser that no gifts may be offered (${stamp}).`;
  await page.getByLabel("Your response").fill(responseText);
  await page.getByRole("button", { name: "Send the response" }).click();
  await page.getByText("Response sent.").waitFor();
  assert.ok((await page.locator(".complaint-response").innerText()).includes(responseText), "the response is shown");
  await screenshot(page, "provider-responded");
  await logOut(page);

  // The regulator finds it with the filters and closes it.
  await logInAs(page, "regulator");
  await mainNav(page).getByRole("link", { name: "Complaints" }).click();
  await heading(page, "Complaints").waitFor();
  await page.locator(`tbody tr[data-complaint-id="${firstComplaint.id}"]`).waitFor();
  await page.getByLabel("Overdue only (no response by the deadline)").check();
  await page.getByRole("button", { name: "Filter" }).click();
  await eventually("the overdue filter", async () => (await page.locator(`tbody tr[data-complaint-id="${firstComplaint.id}"]`).count()) === 0);
  await page.getByRole("button", { name: "Clear the filters" }).click();
  await page.locator(`tbody tr[data-complaint-id="${firstComplaint.id}"]`).waitFor();
  await page.getByLabel("Status").selectOption("responded");
  await page.getByLabel("Category").selectOption("inducements");
  await page.getByRole("button", { name: "Filter" }).click();
  const regulatorComplaint = page.locator(`tbody tr[data-complaint-id="${ownComplaint.id}"]`);
  await eventually("the filtered list", async () =>
    (await page.locator(`tbody tr[data-complaint-id="${firstComplaint.id}"]`).count()) === 0 && (await regulatorComplaint.count()) === 1,
  );
  await screenshot(page, "regulator-complaints-filtered");
  await regulatorComplaint.getByRole("link", { name: `Complaint ${ownComplaint.id}` }).click();
  await heading(page, `Complaint ${ownComplaint.id}`).waitFor();
  await page.locator(".complaint-response").waitFor();
  await page.getByRole("button", { name: "Close…" }).click();
  await eventually("the outcome error", async () => (await page.locator("#close-outcome-error").count()) > 0);
  await page.getByLabel("Partly upheld").check();
  const outcomeReasons = `An inducement was offered once; the provider has acted, and is warned (${stamp}).`;
  await page.getByLabel("Reasons for the outcome").fill(outcomeReasons);
  await page.getByRole("button", { name: "Close…" }).click();
  await screenshot(page, "close-confirm");
  await page.getByRole("button", { name: "Close the complaint" }).click();
  await page.getByText("Complaint closed: partly upheld.").waitFor();
  assert.ok((await page.locator(".complaint-outcome").innerText()).includes(outcomeReasons), "the outcome's reasons are shown");
  assert.match(await page.locator(".entry-lead").innerText(), /Closed[\s\S]*Partly upheld/, "the complaint is closed, partly upheld");
  await screenshot(page, "complaint-closed");
  {
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem("psl.session")).token);
    const closed = await apiGet(base, `/complaints/${ownComplaint.id}`, token);
    assert.equal(closed.body.status, "closed", "the API has it closed");
    assert.equal(closed.body.outcome, "partly_upheld", "with the outcome chosen");
  }

  // Phone width: a complaint page.
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page, "a complaint page");
  await screenshot(page, "phone-complaint");
  await page.setViewportSize({ width: 1280, height: 900 });
  await logOut(page);

  // A citizen has a Complaints page and can make a complaint without an email.
  await logInAs(page, "citizen");
  await mainNav(page).getByRole("link", { name: "Complaints" }).click();
  await heading(page, "Your complaints").waitFor();
  await page.getByRole("link", { name: "Make a complaint", exact: true }).first().click();
  await heading(page, "Make a complaint about a provider").waitFor();
  assert.equal(await page.getByLabel("Your email address").count(), 0, "a citizen is not asked for an email");
  await logOut(page);

  // Phone width: the public complaint form and the register entry with findings.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/#/complain`);
  await heading(page, "Make a complaint about a provider").waitFor();
  await noSidewaysScroll(page, "the complaint form");
  await screenshot(page, "phone-complaint-form");
  await page.goto(`${base}/#/register/${target.id}`);
  await findingCard.waitFor();
  await noSidewaysScroll(page, "the register entry with findings");
  await screenshot(page, "phone-register-finding");

  assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  assert.deepEqual(foreignRequests, [], "nothing is fetched from another origin");
}
// ---- main ----

await h.run(scenario, { demo: { ensureRegulator2: true }, reportDuration: true });
