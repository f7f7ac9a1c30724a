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
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const OVERALL_TIMEOUT_MS = 90_000;
const HEALTH_TIMEOUT_MS = 20_000;
const STEP_TIMEOUT_MS = 10_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = process.env.PSL_WEB_DIR ?? path.resolve(here, "../../web");
const pslBin = process.env.PSL_BIN;
const webRoot = process.env.PSL_WEB_ROOT;
const chromiumPath = process.env.PSL_CHROMIUM ?? "/usr/bin/chromium";

const DEMO_PASSWORD = (role) => `psl-demo-${role}`;

function fail(message) {
  console.error(`web_browser: FAIL: ${message}`);
  process.exit(1);
}

function log(message) {
  console.log(`web_browser: ${message}`);
}

// ---- preconditions, each with a message saying what to do ----

if (!pslBin) fail("PSL_BIN is not set (the psl executable)");
if (!fs.existsSync(pslBin)) fail(`PSL_BIN=${pslBin} does not exist: build the psl target first`);
if (!webRoot) fail("PSL_WEB_ROOT is not set (the built web interface)");
if (!fs.existsSync(path.join(webRoot, "index.html"))) {
  fail(`${webRoot}/index.html does not exist: build the web target (cmake --build ... --target web)`);
}
if (!fs.existsSync(chromiumPath)) fail(`no browser at ${chromiumPath}: install Debian's chromium (scripts/bootstrap.sh)`);

let chromium;
try {
  // Resolve playwright-core from web/node_modules, whatever the current directory or NODE_PATH.
  const requireFromWeb = createRequire(path.join(webDir, "package.json"));
  ({ chromium } = requireFromWeb("playwright-core"));
} catch (error) {
  fail(`cannot load playwright-core from ${webDir}/node_modules (run scripts/bootstrap.sh): ${error.message}`);
}

// ---- the server ----

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "psl-web-test-"));
const dbUrl = `sqlite:${path.join(tmp, "psl.db")}`;
const serverLogPath = path.join(tmp, "server.log");
log(`temporary folder (database, server log, screenshots): ${tmp}`);

let server = null;
let browser = null;
let currentPage = null; // for a screenshot when something fails

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function serverLogTail() {
  try {
    const lines = fs.readFileSync(serverLogPath, "utf8").trimEnd().split("\n");
    return lines.slice(-30).join("\n");
  } catch {
    return "(no server log)";
  }
}

function runDemo() {
  const result = spawnSync(pslBin, ["demo", "--db", dbUrl], { encoding: "utf8", timeout: 30_000 });
  if (result.error) throw new Error(`psl demo could not run: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`psl demo --db ${dbUrl} exited with ${result.status}:\n${result.stdout}${result.stderr}`);
  }
}

async function startServer(port) {
  const out = fs.openSync(serverLogPath, "a");
  server = spawn(
    pslBin,
    ["serve", "--db", dbUrl, "--listen", `127.0.0.1:${port}`, "--web-root", webRoot],
    { stdio: ["ignore", out, out] },
  );
  fs.closeSync(out);
  let exited = null;
  server.on("exit", (code, signal) => {
    exited = { code, signal };
  });

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`psl serve exited early (code ${exited.code}, signal ${exited.signal})`);
    }
    try {
      const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return base;
      lastProblem = `GET /healthz answered ${response.status}`;
    } catch (error) {
      lastProblem = error.cause?.code ?? error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`psl serve was not healthy within ${HEALTH_TIMEOUT_MS / 1000} s (${lastProblem})`);
}

async function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

// ---- browser helpers ----

/** Polls until fn() returns a truthy value; fails with `what` after the step timeout. */
async function eventually(what, fn, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error.message;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let shotNumber = 0;
async function screenshot(page, name) {
  shotNumber += 1;
  const file = path.join(tmp, `${String(shotNumber).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  log(`screenshot: ${file}`);
  return file;
}

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

function mainNav(page) {
  return page.getByRole("navigation", { name: "Main" });
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
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  currentPage = page;

  const pageErrors = [];
  const foreignRequests = [];
  const policyViolations = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
  });
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith("data:")) foreignRequests.push(url);
  });

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

const overallTimer = setTimeout(async () => {
  console.error(`web_browser: FAIL: the test did not finish within ${OVERALL_TIMEOUT_MS / 1000} s`);
  console.error(`server log (${serverLogPath}):\n${serverLogTail()}`);
  if (server) server.kill("SIGKILL");
  process.exit(1);
}, OVERALL_TIMEOUT_MS);

let failed = false;
try {
  runDemo();
  const base = await startServer(await freePort());
  log(`psl serve is healthy at ${base}`);
  await scenario(base);
} catch (error) {
  failed = true;
  console.error(`web_browser: FAIL: ${error.message}`);
  const where = (error.stack ?? "").split("\n").filter((line) => line.trimStart().startsWith("at "));
  if (where.length > 0) console.error(where.slice(0, 3).join("\n"));
  if (currentPage) await screenshot(currentPage, "failure").catch(() => {});
  console.error(`server log (${serverLogPath}):\n${serverLogTail()}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  clearTimeout(overallTimer);
}

if (failed) process.exit(1);
log("PASS");
