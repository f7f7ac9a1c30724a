// What the browser tests of the web interface share (browser_test.mjs, licensing_browser_test.mjs,
// regulation_browser_test.mjs): the environment checks, the temporary folder, `psl demo`, a real
// `psl serve` on a free port, Debian's chromium driven by playwright-core (loaded from
// web/node_modules), screenshots, polling, the request-origin checks and the main runner with its
// overall time limit. Plain ES module; no npm packages beyond playwright-core.
//
// Environment:
//   PSL_BIN       the psl executable (required)
//   PSL_WEB_ROOT  the built web interface, the directory holding index.html (required)
//   PSL_WEB_DIR   the web/ source folder whose node_modules holds playwright-core
//                 (default: ../../web from this file)
//   PSL_CHROMIUM  the browser (default /usr/bin/chromium)

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const HEALTH_TIMEOUT_MS = 20_000;
export const STEP_TIMEOUT_MS = 10_000;

export const DEMO_PASSWORD = (user) => `psl-demo-${user}`;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

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

/** Polls until fn() returns a truthy value; fails with `what` after the step timeout. */
export async function eventually(what, fn, timeoutMs = STEP_TIMEOUT_MS) {
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

/**
 * Checks the environment (exiting with a FAIL message when something is missing), loads
 * playwright-core and makes the temporary folder. `name` prefixes every message; `tmpPrefix` names
 * the temporary folder; `overallTimeoutMs` is the limit of run().
 */
export function createHarness({ name, tmpPrefix, overallTimeoutMs }) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const webDir = process.env.PSL_WEB_DIR ?? path.resolve(here, "../../web");
  const pslBin = process.env.PSL_BIN;
  const webRoot = process.env.PSL_WEB_ROOT;
  const chromiumPath = process.env.PSL_CHROMIUM ?? "/usr/bin/chromium";

  function fail(message) {
    console.error(`${name}: FAIL: ${message}`);
    process.exit(1);
  }

  function log(message) {
    console.log(`${name}: ${message}`);
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

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  const dbUrl = `sqlite:${path.join(tmp, "psl.db")}`;
  const serverLogPath = path.join(tmp, "server.log");
  log(`temporary folder (database, server log, screenshots): ${tmp}`);

  let server = null;
  let browser = null;
  let currentPage = null; // for a screenshot when something fails

  function serverLogTail() {
    try {
      return fs.readFileSync(serverLogPath, "utf8").trimEnd().split("\n").slice(-30).join("\n");
    } catch {
      return "(no server log)";
    }
  }

  function runPsl(args, what, timeoutMs = 60_000) {
    const result = spawnSync(pslBin, args, { encoding: "utf8", timeout: timeoutMs });
    if (result.error) throw new Error(`${what} could not run: ${result.error.message}`);
    return result;
  }

  /** `psl demo` into the test database; with ensureRegulator2, the second regulator for four eyes. */
  function runDemo({ timeoutMs = 60_000, ensureRegulator2 = false } = {}) {
    // A small population of demonstration citizens keeps the set-up quick.
    const result = runPsl(["demo", "--db", dbUrl, "--citizens", "100"], "psl demo", timeoutMs);
    if (result.status !== 0) {
      throw new Error(`psl demo --db ${dbUrl} exited with ${result.status}:\n${result.stdout}${result.stderr}`);
    }
    // The second regulator for four eyes; newer demos create it themselves.
    if (ensureRegulator2 && !/regulator2/.test(result.stdout)) {
      const passwordFile = path.join(tmp, "regulator2.password");
      fs.writeFileSync(passwordFile, `${DEMO_PASSWORD("regulator2")}\n`, { mode: 0o600 });
      const added = runPsl(
        ["user", "add", "--db", dbUrl, "--username", "regulator2", "--role", "regulator", "--password-file", passwordFile],
        "psl user add",
      );
      if (added.status !== 0 && !/exist|taken/i.test(added.stdout + added.stderr)) {
        throw new Error(`psl user add regulator2 exited with ${added.status}:\n${added.stdout}${added.stderr}`);
      }
    }
  }

  async function startServer(port) {
    const out = fs.openSync(serverLogPath, "a");
    server = spawn(pslBin, ["serve", "--db", dbUrl, "--listen", `127.0.0.1:${port}`, "--web-root", webRoot], {
      stdio: ["ignore", out, out],
    });
    fs.closeSync(out);
    let exited = null;
    server.on("exit", (code, signal) => {
      exited = { code, signal };
    });
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    let lastProblem = "no answer yet";
    while (Date.now() < deadline) {
      if (exited) throw new Error(`psl serve exited early (code ${exited.code}, signal ${exited.signal})`);
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

  // ---- the browser ----

  /** Headless chromium, a context with the step timeout, and its page (kept for a failure screenshot). */
  async function openPage(contextOptions) {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext(contextOptions);
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    const page = await context.newPage();
    currentPage = page;
    return { browser, context, page };
  }

  /**
   * Collects what the page throws and every request to another origin than `base` (data: URLs
   * aside); with policyViolations, also the console's Content-Security-Policy reports.
   */
  function watchPage(page, base, { policyViolations: watchPolicy = false } = {}) {
    const pageErrors = [];
    const foreignRequests = [];
    const policyViolations = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    if (watchPolicy) {
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
      });
    }
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith("data:")) foreignRequests.push(url);
    });
    return { pageErrors, foreignRequests, policyViolations };
  }

  let shotNumber = 0;
  async function screenshot(page, shotName) {
    shotNumber += 1;
    const file = path.join(tmp, `${String(shotNumber).padStart(2, "0")}-${shotName}.png`);
    await page.screenshot({ path: file, fullPage: true });
    log(`screenshot: ${file}`);
    return file;
  }

  // ---- main ----

  /**
   * Runs the test: the overall time limit, `psl demo` (demoOptions as runDemo), `psl serve` on a
   * free port, scenario(base); on failure the message, where, a screenshot and the server log, and
   * exit code 1; always closes the browser and stops the server. Logs PASS (with the time taken
   * when reportDuration).
   */
  async function run(scenario, { demo: demoOptions = {}, reportDuration = false } = {}) {
    const overallTimer = setTimeout(() => {
      console.error(`${name}: FAIL: the test did not finish within ${overallTimeoutMs / 1000} s`);
      console.error(`server log (${serverLogPath}):\n${serverLogTail()}`);
      if (server) server.kill("SIGKILL");
      process.exit(1);
    }, overallTimeoutMs);

    let failed = false;
    const started = Date.now();
    try {
      runDemo(demoOptions);
      const base = await startServer(await freePort());
      log(`psl serve is healthy at ${base}`);
      await scenario(base);
    } catch (error) {
      failed = true;
      console.error(`${name}: FAIL: ${error.message}`);
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
    log(reportDuration ? `PASS in ${((Date.now() - started) / 1000).toFixed(1)} s` : "PASS");
  }

  return { name, tmp, dbUrl, log, fail, runPsl, openPage, watchPage, screenshot, run };
}

// ---- page helpers shared by the licensing and regulation tests ----

export const heading = (page, name) => page.getByRole("heading", { level: 1, name });
export const mainNav = (page) => page.getByRole("navigation", { name: "Main" });
export const main = (page) => page.locator("main");

export async function expectLoginPage(page, why) {
  await page
    .getByLabel("Username")
    .waitFor({ state: "visible" })
    .catch(() => {
      throw new Error(`expected the login page ${why}`);
    });
}

export async function logInAs(page, username, password = DEMO_PASSWORD(username)) {
  await expectLoginPage(page, `to log in as ${username}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page
    .getByRole("button", { name: "Log out" })
    .waitFor({ state: "visible" })
    .catch(async () => {
      const alert = (await page.locator("#login-error").textContent().catch(() => "")) ?? "";
      throw new Error(`logging in as ${username} did not show the shell${alert ? ` (the page says: ${alert})` : ""}`);
    });
  assert.match(await page.locator("header").innerText(), new RegExp(`\\b${username}\\b`), `the header shows ${username}`);
}

export async function logOut(page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expectLoginPage(page, "after logging out");
}

export async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} fits a 390 px wide screen (overflows by ${overflow} px)`);
}
