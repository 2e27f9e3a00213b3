// Debian's chromium, headless, driven by playwright-core (no browser download), each run with a fresh profile; a page
// that fails leaves its screenshot and HTML under the output folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];

/** Runs work(page, context) in a fresh browser; on failure keeps a screenshot named after the step. */
export async function inBrowser(outDir, name, work) {
  mkdirSync(outDir, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), "immunis-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    acceptDownloads: true,
    viewport: { width: 390, height: 844 },
  });
  context.setDefaultTimeout(30000);
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  try {
    return await work(page, context);
  } catch (error) {
    for (const [index, open] of context.pages().entries()) {
      const file = join(outDir, name + "-failure-" + index);
      await open.screenshot({ path: file + ".png", fullPage: true }).catch(() => {});
      writeFileSync(file + ".html", await open.content().catch(() => ""));
    }
    writeFileSync(join(outDir, name + "-console.txt"), problems.join("\n"));
    throw error;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The registry's login and consent pages: sign in, pick whose record, Allow. */
export async function signInAndPick(page, username, password, personLabel) {
  await page.waitForURL(/\/login/);
  await page.getByLabel("User name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await pick(page, personLabel);
}

export async function pick(page, personLabel) {
  await page.waitForURL(/\/oauth2\/consent/);
  await page.getByLabel(personLabel).check();
  await page.getByRole("button", { name: "Allow" }).click();
}
