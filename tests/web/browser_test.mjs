#!/usr/bin/env node
// Browser test of the PSL web interface, end to end: a real `psl serve` with demo data, driven
// through Debian's chromium by playwright-core.
//
// Environment:
//   PSL_BIN       the psl executable (required)
//   PSL_WEB_ROOT  the built web interface, the directory holding index.html (required)
//   PSL_WEB_DIR   the web/ source folder whose node_modules holds playwright-core
//                 (default: ../../web from this file)
//   PSL_CHROMIUM  the browser (default /usr/bin/chromium)
//
// What it checks: a wrong password shows the API's error; the regulator sees the shell with
// "Audit log" in the navigation and their own login (session.create) in the audit log; paging;
// a provider has no "Audit log" link, is told "not allowed" on the audit page and is refused by
// the API; a 401 returns to the login page; logging out returns to the login page; the phone
// layout does not scroll sideways; nothing is fetched from another origin. Screenshots are kept
// in the temporary folder printed at the start.

import assert from "node:assert/strict";

import { DEMO_PASSWORD, STEP_TIMEOUT_MS, createHarness, eventually, mainNav } from "./harness.mjs";

const OVERALL_TIMEOUT_MS = 90_000;

const h = createHarness({ name: "web_browser", tmpPrefix: "psl-web-test-", overallTimeoutMs: OVERALL_TIMEOUT_MS });
const { log, screenshot } = h;

// ---- browser helpers ----

function loginForm(page) {
  return {
    username: page.getByLabel("Username"),
    password: page.getByLabel("Password"),
    submit: page.getByRole("button", { name: "Log in" }),
  };
}

async function expectLoginPage(page, why) {
  const form = loginForm(page);
  await form.username.waitFor({ state: "visible", timeout: STEP_TIMEOUT_MS }).catch(() => {
    throw new Error(`expected the login page ${why}`);
  });
  assert.ok(await form.password.isVisible(), `the password field is visible ${why}`);
  assert.equal(await page.getByRole("button", { name: "Log out" }).count(), 0, `no Log out button ${why}`);
}

async function logInAs(page, role) {
  const form = loginForm(page);
  await form.username.fill(role);
  await form.password.fill(DEMO_PASSWORD(role));
  await form.submit.click();
  await page
    .getByRole("button", { name: "Log out" })
    .waitFor({ state: "visible", timeout: STEP_TIMEOUT_MS })
    .catch(async () => {
      const alert = (await page.locator("#login-error").textContent().catch(() => "")) ?? "";
      throw new Error(`logging in as ${role} did not show the shell${alert ? ` (the page says: ${alert})` : ""}`);
    });
  const header = await page.locator("header").innerText();
  const roleLabel = role[0].toUpperCase() + role.slice(1);
  assert.match(header, new RegExp(`\\b${role}\\b`), `the header shows the username ${role}`);
  assert.ok(header.includes(roleLabel), `the header shows the role "${roleLabel}" (shows "${header}")`);
}

async function navLabels(page) {
  return (await mainNav(page).getByRole("link").allInnerTexts()).map((text) => text.trim());
}

async function logOut(page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expectLoginPage(page, "after logging out");
  const token = await page.evaluate(() => sessionStorage.getItem("psl.session"));
  assert.equal(token, null, "logging out removes the token from sessionStorage");
}

// ---- the scenario ----

async function scenario(base) {
  const { page } = await h.openPage({ viewport: { width: 1280, height: 800 } });
  const { pageErrors, foreignRequests, policyViolations } = h.watchPage(page, base, { policyViolations: true });

  // 1. A wrong password shows the API's error message and stays on the login page.
  await page.goto(`${base}/`);
  await expectLoginPage(page, "on first visit");
  {
    const form = loginForm(page);
    await form.username.fill("regulator");
    await form.password.fill("not-the-password");
    const [reply] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/api/v1/sessions` && r.request().method() === "POST"),
      form.submit.click(),
    ]);
    assert.equal(reply.status(), 401, "POST /api/v1/sessions with a wrong password answers 401");
    const body = await reply.json();
    assert.equal(typeof body?.error?.message, "string", "a 401 carries {error:{message}}");
    const alert = page.locator("#login-error");
    const shown = await eventually("the login error message", async () => (await alert.textContent())?.trim());
    assert.equal(await alert.getAttribute("role"), "alert", "the login error is announced (role=alert)");
    assert.ok(shown.includes(body.error.message), `the page shows the API's message "${body.error.message}" (shows "${shown}")`);
    await expectLoginPage(page, "after a wrong password");
    await screenshot(page, "login-error");
  }

  // 2. The regulator logs in: the shell, with "Audit log" in the navigation.
  await logInAs(page, "regulator");
  {
    const labels = await navLabels(page);
    assert.ok(labels.includes("Home"), `the regulator's navigation has Home (has ${labels.join(", ")})`);
    assert.ok(labels.includes("Audit log"), `the regulator's navigation has Audit log (has ${labels.join(", ")})`);
    const token = await page.evaluate(() => sessionStorage.getItem("psl.session"));
    assert.ok(token, "the session token is kept in sessionStorage");
    const heading = await page.getByRole("heading", { level: 1 }).innerText();
    assert.match(heading, /regulator/i, "the home page welcomes the regulator");
    await screenshot(page, "regulator-home");
  }

  // 3. The audit log lists the login just made, newest first, with Older/Newer paging.
  await mainNav(page).getByRole("link", { name: "Audit log" }).click();
  await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
  {
    const rows = page.locator("table tbody tr");
    const loginRow = rows.filter({ hasText: "session.create" }).filter({ hasText: "regulator" }).first();
    await loginRow.waitFor({ state: "visible" }).catch(() => {
      throw new Error("the audit log does not list the regulator's session.create");
    });
    const headers = (await page.locator("table thead th").allInnerTexts()).map((t) => t.trim().toLowerCase());
    for (const column of ["time", "user", "role", "action", "target", "request id"]) {
      assert.ok(headers.includes(column), `the audit table has a "${column}" column (has ${headers.join(", ")})`);
    }
    await screenshot(page, "regulator-audit");

    const older = page.getByRole("button", { name: "Older" }).first();
    const newer = page.getByRole("button", { name: "Newer" }).first();
    assert.ok(await newer.isDisabled(), "Newer is disabled on the newest page");
    if (await older.isEnabled()) {
      const firstId = await rows.first().getAttribute("data-audit-id");
      await older.click();
      await eventually("an older page of the audit log", async () => {
        const id = await rows.first().getAttribute("data-audit-id");
        return id !== null && id !== firstId && Number(id) < Number(firstId) && (await newer.isEnabled());
      });
      await newer.click();
      await eventually("the newest page again", async () => (await rows.first().getAttribute("data-audit-id")) === firstId);
      log("audit paging (Older, Newer) checked");
    } else {
      log("audit log fits on one page: Older is disabled, paging not exercised");
    }
  }

  // 4. A 401 from any call returns to the login page.
  await page.evaluate(() => {
    const session = JSON.parse(sessionStorage.getItem("psl.session"));
    session.token = "no-such-token";
    sessionStorage.setItem("psl.session", JSON.stringify(session));
  });
  await mainNav(page).getByRole("link", { name: "Home" }).click();
  await mainNav(page).getByRole("link", { name: "Audit log" }).click();
  await expectLoginPage(page, "after the API answered 401");
  assert.match(await page.locator("main").innerText(), /session has ended/i, "the login page says the session ended");

  // 5. Log in again and log out: back to the login page.
  await logInAs(page, "regulator");
  await logOut(page);

  // 6. The provider: no "Audit log" link, "not allowed" on the audit page, refused by the API.
  await page.goto(`${base}/#/`);
  await logInAs(page, "provider");
  {
    const labels = await navLabels(page);
    assert.ok(labels.includes("Home"), `the provider's navigation has Home (has ${labels.join(", ")})`);
    assert.ok(!labels.includes("Audit log"), `the provider's navigation has no Audit log (has ${labels.join(", ")})`);
    await page.goto(`${base}/#/audit`);
    await page.getByRole("heading", { level: 1, name: "Not allowed" }).waitFor();
    assert.match(await page.locator("main").innerText(), /not allowed/i, "the audit page tells the provider it is not allowed");
    assert.equal(await page.locator("table").count(), 0, "no audit table is shown to the provider");
    await screenshot(page, "provider-not-allowed");

    const status = await page.evaluate(async () => {
      const { token } = JSON.parse(sessionStorage.getItem("psl.session"));
      const response = await fetch("/api/v1/audit?limit=50", { headers: { Authorization: `Bearer ${token}` } });
      return response.status;
    });
    assert.equal(status, 403, "GET /api/v1/audit answers 403 to a provider");
  }
  await logOut(page);

  // 7. Phone width: the regulator's audit log fits without sideways scrolling.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/#/audit`);
  await expectLoginPage(page, "on a phone");
  await logInAs(page, "regulator");
  await page.locator("table tbody tr").filter({ hasText: "session.create" }).first().waitFor();
  {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the audit page fits a 390 px wide screen (overflows by ${overflow} px)`);
    await screenshot(page, "phone-audit");
  }
  await logOut(page);

  assert.deepEqual(pageErrors, [], "no uncaught errors in the page");
  assert.deepEqual(foreignRequests, [], "nothing is fetched from another origin");
  assert.deepEqual(policyViolations, [], "the page breaks no Content-Security-Policy the server sets");
}

// ---- main ----

await h.run(scenario, { demo: { timeoutMs: 30_000 } });
