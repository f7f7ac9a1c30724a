#!/usr/bin/env node
// Browser test of the payment pages (PAY-8, PAY-9, PAY-10; docs/payment.md sections 8 and 9), end
// to end: a real `psl serve` with demo data, driven through Debian's chromium by playwright-core.
//
//   (1) The demo regulator prepares a payment run up to today and sees it; releasing it themself
//       is refused by the server (four eyes) and the page shows the server's message.
//   (2) The second demo regulator opens the run and releases it: every provider is paid, and the
//       page's figures (run total, each provider's paid, recovered and shortfall, and the chart)
//       are the server's, to the penny. The receivables page lists what providers owe.
//   (3) The demo provider sees its statement for the run, with every line; the CSV link returns
//       CSV with one row per line, and the download works.
//   (4) Government sets a budget envelope and sees the chart of envelope, committed and paid per
//       End Result and per month; the regulator sees the same budget without the form.
//   Nothing is fetched from another origin and the pages throw nothing.
//
// Environment: as browser_test.mjs (PSL_BIN, PSL_WEB_ROOT, PSL_WEB_DIR, PSL_CHROMIUM).

import assert from "node:assert/strict";
import fs from "node:fs";

import { createHarness, eventually, heading, logInAs, logOut, main, mainNav, noSidewaysScroll } from "./harness.mjs";

const NAME = "web_browser_payments";
const OVERALL_TIMEOUT_MS = 150_000;

const h = createHarness({ name: NAME, tmpPrefix: "psl-web-payments-", overallTimeoutMs: OVERALL_TIMEOUT_MS });
const { log, screenshot } = h;

/** The demo's own provider (the `provider` login belongs to it). */
const DEMO_PROVIDER = "Demonstration Employment Services CIC";

/** Pence as the pages show them: 123456 → "£1,234.56" (from the integer, like journey.ts). */
function pounds(pence) {
  const digits = String(Math.abs(pence)).padStart(3, "0");
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${pence < 0 ? "-" : ""}£${whole}.${digits.slice(-2)}`;
}

/** A call to the API from inside the page, with the logged-in user's token. */
async function api(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = JSON.parse(sessionStorage.getItem("psl.session") ?? "{}");
      const headers = { Authorization: `Bearer ${session.token}` };
      if (body !== undefined) headers["Content-Type"] = "application/json";
      const response = await fetch(path.startsWith("/api/") ? path : `/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
    },
    { method, path, body },
  );
}

async function apiJson(page, path) {
  const reply = await api(page, "GET", path);
  assert.equal(reply.status, 200, `GET ${path} answers 200 (${reply.text.slice(0, 200)})`);
  return JSON.parse(reply.text);
}

async function cellText(locator) {
  return (await locator.innerText()).trim();
}

// ---- the scenario ----

async function scenario(base) {
  const { page } = await h.openPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const { pageErrors, foreignRequests } = h.watchPage(page, base);
  await page.goto(`${base}/`);

  // ---- (1) the first regulator prepares a run ----
  // `psl demo` ends its payment history with a run prepared by this regulator and not yet
  // released; while it is open no other run may be prepared, and the page says so.
  await logInAs(page, "regulator");
  const me = await apiJson(page, "/me");
  await mainNav(page).getByRole("link", { name: "Payments", exact: true }).click();
  await heading(page, "Payment runs").waitFor();
  const today = new Date().toISOString().slice(0, 10);
  assert.equal(await page.getByLabel("Pay everything due up to").inputValue(), today, "the run date starts at today");
  const open = (await apiJson(page, "/payment-runs?limit=5")).items.find((run) => run.status !== "released");
  await page.getByRole("button", { name: "Prepare run" }).click();
  let runId;
  if (open) {
    const refused = await eventually("the open run's refusal", async () => cellText(page.locator("#run-as-of-error, #prepare-error.message-error").first()).catch(() => ""));
    assert.match(refused, new RegExp(`payment run ${open.id}\\b.*still open`), "preparing while a run is open is refused with the server's reason");
    log(`open demo run ${open.id}: ${refused}`);
    runId = open.id;
    await page.locator(`table.runs-table tr[data-run-id="${runId}"]`).getByRole("link", { name: `Run ${runId}` }).click();
    await heading(page, `Payment run ${runId}`).waitFor();
  } else {
    const runHeading = await eventually("the prepared run's page", async () => {
      const alert = (await page.locator("#run-as-of-error, #prepare-error.message-error").first().textContent({ timeout: 200 }).catch(() => "")) ?? "";
      if (alert.trim() !== "") throw new Error(`preparing the run failed: ${alert.trim()}`);
      const text = (await heading(page, /^Payment run [0-9]+$/).textContent({ timeout: 200 }).catch(() => null)) ?? "";
      return text.trim();
    });
    runId = Number(runHeading.replace("Payment run ", ""));
    await page.getByText(`Run ${runId} prepared`).waitFor();
    log(`prepared run ${runId}`);
  }
  const prepared = await apiJson(page, `/payment-runs/${runId}`);
  assert.equal(prepared.status, "prepared");
  assert.equal(prepared.prepared_by_user_id, me.user_id, "the run was prepared by this regulator");
  assert.ok(prepared.line_count > 0, `the demo has payments due (run ${runId} has ${prepared.line_count} lines)`);
  assert.equal(await cellText(main(page).locator(".run-total")), pounds(prepared.total_pence), "the run total is the server's");
  assert.ok(prepared.providers.length > 0, "some provider has money due in the run");

  // Four eyes: the preparer may not release; the server's message is on the page.
  await page.getByRole("button", { name: "Release", exact: true }).click();
  await page.getByRole("button", { name: "Release the payments" }).click();
  const refusal = await eventually("the four-eyes refusal", async () => cellText(page.locator("#release-error")));
  log(`four eyes: ${refusal}`);
  const afterRefusal = await apiJson(page, `/payment-runs/${runId}`);
  assert.equal(afterRefusal.status, "prepared", "the refused release changed nothing");
  assert.ok(afterRefusal.providers.every((p) => p.status === "prepared"), "no provider was paid by the refused release");
  await screenshot(page, "four-eyes-refused");

  // The run is in the list.
  await page.getByRole("link", { name: "Back to the payment runs" }).click();
  await heading(page, "Payment runs").waitFor();
  const listed = page.locator(`table.runs-table tr[data-run-id="${runId}"]`);
  await listed.waitFor();
  assert.match(await cellText(listed), /Prepared, awaiting release/);
  await logOut(page);

  // ---- (2) the second regulator releases it ----
  await logInAs(page, "regulator2");
  await mainNav(page).getByRole("link", { name: "Payments", exact: true }).click();
  await heading(page, "Payment runs").waitFor();
  await page.getByRole("link", { name: `Run ${runId}`, exact: true }).click();
  await heading(page, `Payment run ${runId}`).waitFor();
  await page.getByRole("button", { name: "Release", exact: true }).click();
  await page.getByRole("button", { name: "Release the payments" }).click();
  await page.locator(".release-done").waitFor().catch(async () => {
    throw new Error(`the release did not finish (the page says: ${await cellText(page.locator("#release-error")).catch(() => "")})`);
  });
  assert.match(await cellText(page.locator(".release-done")), new RegExp(`Run ${runId} released`));
  const released = await apiJson(page, `/payment-runs/${runId}`);
  assert.equal(released.status, "released", "the run is released");
  assert.ok(released.providers.every((p) => p.status === "paid"), "every provider is paid");
  assert.notEqual(released.released_by_user_id, released.prepared_by_user_id, "released by someone else");
  const sum = (pick) => released.providers.reduce((total, p) => total + pick(p), 0);
  assert.equal(await cellText(main(page).locator(".run-paid")), pounds(sum((p) => p.paid_pence)), "the paid total is the server's");
  assert.equal(await cellText(main(page).locator(".run-recovered")), pounds(sum((p) => p.recovered_pence)));
  assert.equal(await cellText(main(page).locator(".run-shortfall")), pounds(sum((p) => p.shortfall_pence)));
  assert.match(await cellText(page.locator("label[for='run-progress']")), new RegExp(`Providers paid: ${released.providers.length} of ${released.providers.length}`));
  for (const provider of released.providers) {
    const row = page.locator(`table.run-providers tr[data-provider-id="${provider.provider_id}"]`);
    assert.equal(await cellText(row.locator("td.provider-paid")), pounds(provider.paid_pence), `${provider.provider_name}'s payment`);
    assert.match(await cellText(row), /Paid/);
    const group = page.locator(`.money-chart .money-group[data-group="${provider.provider_id}"]`);
    assert.equal(await cellText(group.locator("[data-series='paid'] .figure")), pounds(provider.paid_pence), "the chart's paid bar");
    assert.equal(await cellText(group.locator("[data-series='shortfall'] .figure")), pounds(provider.shortfall_pence));
  }
  assert.equal(await page.locator(".money-chart .money-group").count(), released.providers.length, "one chart group per provider");
  assert.equal(await page.getByRole("button", { name: "Release", exact: true }).count(), 0, "a released run offers no release");
  await screenshot(page, "run-released");

  // With the run released, a new one may be prepared: the form's success path.
  await page.getByRole("link", { name: "Back to the payment runs" }).click();
  await heading(page, "Payment runs").waitFor();
  await page.getByRole("button", { name: "Prepare run" }).click();
  const nextHeading = await eventually("the next run's page", async () => {
    const alert = (await page.locator("#run-as-of-error, #prepare-error.message-error").first().textContent({ timeout: 200 }).catch(() => "")) ?? "";
    if (alert.trim() !== "") throw new Error(`preparing the next run failed: ${alert.trim()}`);
    return ((await heading(page, /^Payment run [0-9]+$/).textContent({ timeout: 200 }).catch(() => null)) ?? "").trim();
  });
  const nextId = Number(nextHeading.replace("Payment run ", ""));
  assert.ok(nextId > runId, "a new run");
  await page.getByText(`Run ${nextId} prepared`).waitFor();
  const next = await apiJson(page, `/payment-runs/${nextId}`);
  assert.equal(await cellText(main(page).locator(".run-total")), pounds(next.total_pence));
  log(`prepared run ${nextId}: ${next.line_count} new lines`);
  await page.goto(`${base}/#/payments/${runId}`);
  await heading(page, `Payment run ${runId}`).waitFor();

  // The regulator can read any provider's statement from the run.
  const someone = released.providers[0];
  await page.locator("table.run-providers").getByRole("link", { name: someone.provider_name }).click();
  await heading(page, `Statement: ${someone.provider_name}, run ${runId}`).waitFor();
  assert.equal(await page.locator("table.statement-lines tbody tr[data-line-id]").count(), someone.line_count);

  // Receivables: the table answers, with the server's figures.
  await mainNav(page).getByRole("link", { name: "Receivables" }).click();
  await heading(page, "Receivables").waitFor();
  const receivables = (await apiJson(page, "/receivables")).items;
  await eventually("the receivables table", async () => (await page.getByRole("region", { name: "Receivables" }).getAttribute("aria-busy")) === "false");
  for (const r of receivables) {
    const row = page.locator(`table.receivables-table tr[data-provider-id="${r.provider_id}"]`);
    assert.equal(await cellText(row.locator("td[data-label='Outstanding']")), pounds(r.outstanding_pence));
  }
  if (receivables.length === 0) await page.getByText("No provider owes anything.").waitFor();
  log(`receivables: ${receivables.length} providers owe`);
  await logOut(page);

  // ---- (3) the provider's statement and its CSV ----
  await logInAs(page, "provider");
  await mainNav(page).getByRole("link", { name: "Statements" }).click();
  await heading(page, "Your statements").waitFor();
  // The demo's payment history paid the demo provider in earlier runs: its newest statement.
  const providerId = (await apiJson(page, "/me")).provider_id;
  const own = (await apiJson(page, `/providers/${providerId}/statements`)).items;
  assert.ok(own.length > 0, "the demo provider has statements");
  const newest = own.reduce((a, b) => (b.run_id > a.run_id ? b : a));
  const statementRow = page.locator(`table.statements-table tr[data-run-id="${newest.run_id}"]`);
  await statementRow.waitFor();
  assert.equal(await page.locator("table.statements-table tbody tr[data-run-id]").count(), own.length, "one row per statement");
  assert.equal(await cellText(statementRow.locator("td[data-label='Paid']")), pounds(newest.paid_pence));
  await statementRow.getByRole("link", { name: `Run ${newest.run_id}` }).click();
  await heading(page, `Statement: ${DEMO_PROVIDER}, run ${newest.run_id}`).waitFor();
  const statement = await apiJson(page, `/payment-runs/${newest.run_id}/statements/${providerId}`);
  assert.ok(statement.lines.length > 0, "the statement has lines");
  const rows = page.locator("table.statement-lines tbody tr[data-line-id]");
  assert.equal(await rows.count(), statement.lines.length, "every line is shown");
  for (const line of statement.lines.slice(0, 20)) {
    const row = page.locator(`table.statement-lines tr[data-line-id="${line.id}"]`);
    assert.equal(await cellText(row.locator("td[data-label='Amount']")), pounds(line.amount_pence), `line ${line.id}'s amount`);
    assert.equal(await cellText(row.locator("td[data-label='Rule']")), line.rule, `line ${line.id}'s rule`);
    if (line.citizen_name) assert.equal(await cellText(row.locator("td[data-label='Customer']")), line.citizen_name);
  }
  const linesTotal = statement.lines.reduce((total, line) => total + line.amount_pence, 0);
  assert.equal(await cellText(page.locator(".statement-lines-total")), pounds(linesTotal));
  assert.equal(await cellText(page.locator(".statement-paid")), pounds(statement.summary.paid_pence));

  const csvLink = page.getByRole("link", { name: "Download the statement (CSV)" });
  const csvHref = await csvLink.getAttribute("href");
  const csv = await api(page, "GET", csvHref);
  assert.equal(csv.status, 200, `the CSV link answers 200 (${csv.text.slice(0, 200)})`);
  assert.match(csv.type, /^text\/csv/, "the CSV link returns text/csv");
  const csvLines = csv.text.trimEnd().split(/\r?\n/);
  assert.equal(csvLines.length, statement.lines.length + 1, "a header and one row per line");
  assert.match(csvLines[0], /kind/i, "the header names the columns");
  const [download] = await Promise.all([page.waitForEvent("download"), csvLink.click()]);
  const downloaded = fs.readFileSync(await download.path(), "utf8");
  assert.equal(downloaded, csv.text, "the download is the statement's CSV");
  log(`statement: ${statement.lines.length} lines, CSV ${csv.text.length} bytes`);
  await screenshot(page, "provider-statement");
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page, "the provider's statement");
  await page.setViewportSize({ width: 1280, height: 900 });
  await logOut(page);

  // ---- (4) government sets an envelope and sees the budget chart ----
  await logInAs(page, "government");
  await mainNav(page).getByRole("link", { name: "Budget" }).click();
  await heading(page, "Budget").waitFor();
  await eventually("the End Results to load", async () => (await page.locator("#budget-end-result option").count()) > 1);
  const endResult = await page.locator("#budget-end-result option").nth(1).getAttribute("value");
  const endResultName = (await page.locator("#budget-end-result option").nth(1).innerText()).trim();
  await page.getByLabel("End Result", { exact: true }).selectOption(endResult);
  await page.getByLabel("Envelope (£)").fill("not money");
  await page.getByRole("button", { name: "Set the envelope" }).click();
  await page.locator("#budget-amount-error").waitFor();
  await page.getByLabel("Envelope (£)").fill("2,500,000.50");
  await page.getByRole("button", { name: "Set the envelope" }).click();
  await page.getByText(/^Envelope set:/).waitFor();
  const budgets = await apiJson(page, "/budgets");
  const mine = budgets.items.find((b) => b.end_result === endResult && b.amount_pence === 250000050);
  assert.ok(mine, "the envelope is stored to the penny");
  const group = page.locator(`.money-chart .money-group[data-group="${mine.id}"]`);
  await group.waitFor();
  assert.match(await cellText(group), new RegExp(endResultName));
  assert.equal(await cellText(group.locator("[data-series='envelope'] .figure")), "£2,500,000.50");
  assert.equal(await cellText(group.locator("[data-series='committed'] .figure")), pounds(mine.committed_pence));
  assert.equal(await cellText(group.locator("[data-series='paid'] .figure")), pounds(mine.paid_pence));
  await page.locator(".money-columns svg[role='img']").waitFor();
  assert.ok((await page.locator(".money-columns g[data-column]").count()) > 0, "a column per month");
  await page.getByLabel("Envelope", { exact: true }).selectOption(String(mine.id));
  await eventually("the chosen envelope's months", async () => (await page.locator("table.budget-months tbody tr").count()) === mine.months.length);
  await screenshot(page, "budget");
  await logOut(page);

  // The regulator reads the budget but cannot set it.
  await logInAs(page, "regulator");
  await mainNav(page).getByRole("link", { name: "Budget" }).click();
  await heading(page, "Budget").waitFor();
  await page.locator(`.money-chart .money-group[data-group="${mine.id}"]`).waitFor();
  assert.equal(await page.getByRole("button", { name: "Set the envelope" }).count(), 0, "no envelope form for the regulator");

  assert.deepEqual(pageErrors, [], "the pages throw nothing");
  assert.deepEqual(foreignRequests, [], "nothing is fetched from another origin");
}

h.run(scenario, { reportDuration: true });
