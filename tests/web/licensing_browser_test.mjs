#!/usr/bin/env node
// Browser test of the licensing pages (LIC-1..8, X-5), end to end: a real `psl serve` with demo
// data, driven through Debian's chromium by playwright-core.
//
// Environment: as browser_test.mjs (PSL_BIN, PSL_WEB_ROOT, PSL_WEB_DIR, PSL_CHROMIUM).
//
// What it checks:
//   (a) a visitor reaches the register and the organisation form from the login page; the form
//       shows a field error from the page and one from the API (a taken username); the new
//       organisation logs in, sees the £250 fee, gets the API's field error for a missing answer,
//       applies with good evidence and sees every item pass; the regulator starts the review and
//       grants with reasons; logged out, the public register finds it granted.
//   (b) four eyes: the regulator proposes suspension and cannot confirm it himself (the page shows
//       the API's message); regulator2 confirms, then proposes revocation; the regulator
//       confirms; the public register entry shows revoked, with the reasons of each decision.
//   Phone width: the register and a licence page do not scroll sideways. Nothing is fetched from
//   another origin and the page throws nothing. Screenshots are kept in the temporary folder.

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

const NAME = "web_browser_licensing";
const OVERALL_TIMEOUT_MS = 110_000;

const h = createHarness({ name: NAME, tmpPrefix: "psl-web-licensing-", overallTimeoutMs: OVERALL_TIMEOUT_MS });
const { log, screenshot } = h;

// ---- browser helpers ----

/** The h1 of the licence page has the status badge just below it, in the lead line. */
async function leadStatus(page) {
  return (await page.locator(".entry-lead .status-badge").innerText()).trim();
}

async function expectStatus(page, label, why) {
  await eventually(`status ${label} ${why}`, async () => (await leadStatus(page)) === label);
}

// ---- the scenario ----

async function scenario(base) {
  const { page } = await h.openPage({ viewport: { width: 1280, height: 900 } });
  const { pageErrors, foreignRequests } = h.watchPage(page, base);

  const checklist = await (await fetch(`${base}/api/v1/checklist`)).json();
  assert.ok(Array.isArray(checklist.items) && checklist.items.length > 0, "GET /api/v1/checklist lists items");

  const stamp = Date.now().toString(36);
  const orgName = `Tyneside Test Works ${stamp}`;
  const username = `tyneside-${stamp}`;
  const password = "a-long-test-password";

  // ---- (a) register, apply, review, grant, find on the register ----

  // The login page links to the register and to registering an organisation.
  await page.goto(`${base}/`);
  await expectLoginPage(page, "on first visit");
  await page.getByRole("link", { name: "Search the public register" }).click();
  await heading(page, "Public register of licences").waitFor();
  assert.equal(await page.getByRole("button", { name: "Log out" }).count(), 0, "a visitor has no Log out button");
  await page.locator("table tbody tr").first().waitFor();
  await screenshot(page, "public-register");
  await page.goto(`${base}/`);
  await expectLoginPage(page, "again");
  await page.getByRole("link", { name: "Register your organisation" }).click();
  await heading(page, "Register your organisation").waitFor();

  // Organisation form: a check made by the page, then one made by the API (a taken username).
  await page.getByLabel("Organisation name").fill(orgName);
  await page.getByLabel("Legal form").selectOption("charity");
  await page.getByLabel("Size").selectOption("small");
  await page.getByLabel("Employment").check();
  await page.getByLabel("Skills").check();
  const areaFilter = page.getByLabel("Find a district");
  await eventually("the districts to load", async () => (await areaFilter.count()) + (await page.getByLabel("District codes").count()) > 0);
  if ((await areaFilter.count()) > 0) {
    await areaFilter.fill("Newcastle upon");
    await page.getByRole("group", { name: "Districts" }).getByRole("checkbox").first().check();
    await areaFilter.fill("Gateshead");
    await page.getByRole("group", { name: "Districts" }).getByRole("checkbox").first().check();
    assert.match(await main(page).innerText(), /Chosen \(2\)/, "two districts are chosen");
  } else {
    log("no areas on this server: the district picker is not exercised");
  }
  await page.getByLabel("Username").fill("provider"); // the demo provider's: taken
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Password again").fill("short");
  await page.getByRole("button", { name: "Register the organisation" }).click();
  await eventually("the page's password error", async () =>
    (await page.getByLabel("Password", { exact: true }).getAttribute("aria-invalid")) === "true",
  );
  assert.match(await page.locator("#org-password-error").innerText(), /at least 10 characters/, "the password error says why");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Password again").fill(password);
  {
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/api/v1/organisations` && r.request().method() === "POST"),
      page.getByRole("button", { name: "Register the organisation" }).click(),
    ]);
    assert.equal(reply.status(), 409, "a taken username is refused with 409");
    const body = await reply.json();
    assert.equal(body.error.field, "username", "the API names the username field");
    await eventually("the username field marked invalid", async () =>
      (await page.getByLabel("Username").getAttribute("aria-invalid")) === "true",
    );
    const shown = await page.locator("#org-username-error").innerText();
    assert.ok(shown.includes(body.error.message), `the API's message is shown under the field (shows "${shown}")`);
    await screenshot(page, "organisation-field-error");
  }
  await page.getByLabel("Username").fill(username);
  await page.getByRole("button", { name: "Register the organisation" }).click();
  await heading(page, "Organisation registered").waitFor();
  assert.ok((await main(page).innerText()).includes(username), "the confirmation gives the username");
  await screenshot(page, "organisation-registered");

  // Log in as the new organisation (the username comes filled in).
  await page.getByRole("link", { name: "Log in to apply for a licence" }).click();
  await expectLoginPage(page, "after registering");
  assert.equal(await page.getByLabel("Username").inputValue(), username, "the login form has the new username");
  await logInAs(page, username, password);
  await mainNav(page).getByRole("link", { name: "Licence", exact: true }).click();
  await heading(page, "Your licences").waitFor();
  await page.getByText("holds no licence yet").waitFor();
  await page.getByRole("link", { name: "Apply for a licence" }).click();
  await heading(page, "Apply for a licence").waitFor();
  assert.match(await main(page).innerText(), /Application fee: £250/, "the form shows the £250 fee");
  assert.equal(await page.getByLabel("Licence", { exact: true }).inputValue(), "general", "the general licence is chosen first");

  // An incomplete application: the API names the first missing item, and the page marks it.
  const first = checklist.items[0];
  {
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/api/v1/licences` && r.request().method() === "POST"),
      page.getByRole("button", { name: /Apply and pay/ }).click(),
    ]);
    assert.equal(reply.status(), 400, "an application with no evidence is refused with 400");
    const body = await reply.json();
    assert.equal(body.error.field, `evidence.${first.id}`, "the API names the first missing item");
    await eventually("the missing item marked invalid", async () =>
      (await page.locator(`#evidence-${first.id}`).getAttribute("aria-invalid")) === "true",
    );
    assert.ok(
      (await page.locator(`#evidence-${first.id}-error`).innerText()).includes(body.error.message),
      "the API's message is shown under the item",
    );
    await screenshot(page, "apply-field-error");
  }

  // Good evidence for every item, by kind.
  for (const item of checklist.items) {
    if (item.kind === "text") {
      await page.getByLabel(item.question).fill(`${item.question}: evidence on file`);
    } else if (item.kind === "yes" || item.kind === "no") {
      const group = page.getByRole("group", { name: item.question });
      await group.getByLabel(item.kind === "yes" ? "Yes" : "No", { exact: true }).check();
    } else {
      await page.getByLabel(item.question).fill("1.5");
    }
  }
  await screenshot(page, "apply-filled");
  await page.getByRole("button", { name: /Apply and pay/ }).click();
  await heading(page, "Your licences").waitFor();
  const card = page.locator(".licence-card").first();
  await card.waitFor();
  const licenceId = Number(await card.getAttribute("data-licence-id"));
  assert.ok(licenceId > 0, "the new licence has a number");
  assert.match(await main(page).innerText(), /Application made/, "the page confirms the application");
  assert.equal((await card.locator(".licence-title .status-badge").innerText()).trim(), "Applied", "the licence is applied");
  assert.match(
    await card.locator(".assessment-score").innerText(),
    new RegExp(`${checklist.items.length} of ${checklist.items.length}`),
    "every checklist item meets the standard",
  );
  assert.equal(await card.locator(".result-fail").count(), 0, "no item fails");
  await screenshot(page, "provider-licences");
  log(`licence ${licenceId} applied for by ${orgName}`);
  await logOut(page);

  // The regulator: the review queue lists it; start the review and grant with reasons.
  await logInAs(page, "regulator");
  await mainNav(page).getByRole("link", { name: "Licensing casework" }).click();
  await heading(page, "Licensing casework").waitFor();
  const queueRow = page.locator(`table tbody tr[data-licence-id="${licenceId}"]`);
  await queueRow.waitFor().catch(() => {
    throw new Error(`the review queue does not list licence ${licenceId}`);
  });
  assert.match(await queueRow.innerText(), /Applied/, "the queue shows it as applied");
  await screenshot(page, "casework-queue");
  await queueRow.getByRole("link", { name: orgName }).click();
  await heading(page, new RegExp(`licence ${licenceId}`)).waitFor();
  await expectStatus(page, "Applied", "before the review");
  await page.getByRole("button", { name: "Start review" }).click();
  await expectStatus(page, "Under review", "after starting the review");
  await page.getByText("Every checklist item meets the standard.").waitFor();
  await page.getByLabel("Grant", { exact: true }).check();
  const grantReasons = `Every competency checklist item is evidenced (${stamp}).`;
  await page.getByLabel("Reasons for the decision").fill(grantReasons);
  await screenshot(page, "casework-decide");
  await page.getByRole("button", { name: "Record the decision" }).click();
  await expectStatus(page, "Granted", "after granting");
  assert.match(await main(page).innerText(), /Licence granted/, "the page confirms the grant");
  await logOut(page);

  // Logged out: the public register finds it, granted, with the reasons.
  await page.getByRole("link", { name: "Search the public register" }).click();
  await heading(page, "Public register of licences").waitFor();
  await page.getByLabel("Provider name").fill(orgName);
  await page.getByLabel("Status", { exact: true }).selectOption("granted");
  await page.getByRole("button", { name: "Search" }).click();
  const registerRow = page.locator(`table tbody tr[data-licence-id="${licenceId}"]`);
  await registerRow.waitFor();
  assert.equal(await page.locator("table tbody tr").count(), 1, "the search finds exactly the new licence");
  assert.match(await registerRow.innerText(), /Granted/, "the register shows it granted");
  await screenshot(page, "register-found-granted");
  await registerRow.getByRole("link", { name: orgName }).click();
  await heading(page, orgName).waitFor();
  await expectStatus(page, "Granted", "on the register entry");
  assert.ok((await main(page).innerText()).includes(grantReasons), "the register entry shows the grant's reasons");
  assert.match(await main(page).innerText(), /Charity/, "the entry shows the provider's legal form");
  await page.getByRole("link", { name: "Back to the register" }).click();
  await registerRow.waitFor();
  assert.equal(await page.getByLabel("Provider name").inputValue(), orgName, "going back keeps the search");

  // ---- (b) four eyes: suspend, then revoke ----

  const caseUrl = `${base}/#/licences/${licenceId}`;
  await page.goto(caseUrl);
  await logInAs(page, "regulator");
  await heading(page, new RegExp(`licence ${licenceId}`)).waitFor();
  await page.getByLabel("Suspend", { exact: true }).check();
  await page.getByLabel("Grounds").selectOption("poor_customer_experience");
  const suspendReasons = `Satisfaction surveys far below the market for two quarters (${stamp}).`;
  await page.getByLabel("Reasons for the proposal").fill(suspendReasons);
  await page.getByRole("button", { name: "Propose…" }).click();
  await page.getByRole("button", { name: "Propose suspension" }).click();
  const proposal = page.locator(".proposal-panel");
  await proposal.waitFor();
  assert.match(await proposal.innerText(), /Proposed by\s*regulator\b/, "the proposal shows who proposed it");

  // The proposer cannot confirm: the page shows the API's four-eyes message.
  await proposal.getByRole("button", { name: "Confirm suspension…" }).click();
  {
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/licences/${licenceId}/proposal/confirmation`)),
      proposal.getByRole("button", { name: "Confirm the suspension" }).click(),
    ]);
    assert.equal(reply.status(), 422, "the proposer's own confirmation is refused with 422");
    const body = await reply.json();
    const shown = await eventually("the four-eyes error", async () => (await proposal.locator(".message-error").innerText()).trim());
    assert.ok(shown.includes(body.error.message), `the page shows the API's message (shows "${shown}")`);
    assert.match(shown, /four eyes/i, "the message is about four eyes");
    await expectStatus(page, "Granted", "after the refused confirmation");
    await screenshot(page, "four-eyes-refused");
  }
  await logOut(page);

  await page.goto(caseUrl);
  await logInAs(page, "regulator2");
  await proposal.waitFor();
  await proposal.getByRole("button", { name: "Confirm suspension…" }).click();
  await proposal.getByRole("button", { name: "Confirm the suspension" }).click();
  await expectStatus(page, "Suspended", "after regulator2 confirms");
  assert.equal(await proposal.count(), 0, "no proposal is open after the confirmation");
  // Now propose revocation (a suspended licence can only be revoked or reinstated).
  await page.getByLabel("Grounds").selectOption("malpractice");
  const revokeReasons = `Inspection found outcome claims without evidence (${stamp}).`;
  await page.getByLabel("Reasons for the proposal").fill(revokeReasons);
  await page.getByRole("button", { name: "Propose…" }).click();
  await page.getByRole("button", { name: "Propose revocation" }).click();
  await proposal.waitFor();
  assert.match(await proposal.innerText(), /Proposed by\s*regulator2\b/, "the revocation shows regulator2 proposed it");
  await screenshot(page, "revocation-proposed");
  await logOut(page);

  await page.goto(caseUrl);
  await logInAs(page, "regulator");
  await proposal.waitFor();
  await proposal.getByRole("button", { name: "Confirm revocation…" }).click();
  await screenshot(page, "revocation-confirm-step");
  await proposal.getByRole("button", { name: "Confirm the revocation" }).click();
  await expectStatus(page, "Revoked", "after the regulator confirms");
  await screenshot(page, "casework-revoked");
  await logOut(page);

  // The public register entry: revoked, with every decision's reasons and who made it.
  await page.goto(`${base}/#/register/${licenceId}`);
  await heading(page, orgName).waitFor();
  await expectStatus(page, "Revoked", "on the register entry");
  {
    const history = await page.locator(".history").innerText();
    for (const reasons of [grantReasons, suspendReasons, revokeReasons]) {
      assert.ok(history.includes(reasons), `the register history shows "${reasons}"`);
    }
    assert.match(history, /Proposed by regulator2, confirmed by regulator\b/, "the revocation names both regulators");
    assert.match(history, /Proposed by regulator, confirmed by regulator2/, "the suspension names both regulators");
    assert.match(history, /Malpractice/, "the revocation's grounds are shown");
  }
  await screenshot(page, "register-entry-revoked");

  // Phone width: the register entry, the search and a licence page fit without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page, "the register entry");
  await screenshot(page, "phone-register-entry");
  await page.goto(`${base}/#/register`);
  await page.locator("table tbody tr").first().waitFor();
  await noSidewaysScroll(page, "the register search");
  await screenshot(page, "phone-register");
  await page.goto(caseUrl);
  await logInAs(page, "regulator");
  await expectStatus(page, "Revoked", "on a phone");
  await noSidewaysScroll(page, "the licence page");
  await screenshot(page, "phone-casework");
  await logOut(page);

  assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  assert.deepEqual(foreignRequests, [], "nothing is fetched from another origin");
}

// ---- main ----

await h.run(scenario, { demo: { ensureRegulator2: true }, reportDuration: true });
