// The family portal in a real browser, as a parent uses it (PortalBrowserIT runs it and checks the registry around it).
//   node portal-family.mjs object   <registry> <out>: sign in, pick the child, read shots and what is due, download the
//                                    printable record and the Health Card (verified here), file the objection
//   node portal-family.mjs withdraw <registry> <out>: withdraw it, switch to the other child, deny a launch
// The last line printed is what was seen, as JSON.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inBrowser, pick, signInAndPick } from "./browser.mjs";
import { summary, verifyHealthCard } from "./health-card.mjs";

const [phase, registry, outDir] = process.argv.slice(2);
const CHILD = "Ada Demo, born 10 March 2021";
const OTHER_CHILD = "Leo Demo, born 15 June 2025";

async function openPortal(page) {
  await page.goto(registry + "/portal");
  await page.getByRole("heading", { name: "Your family's immunization records" }).waitFor();
  // by keyboard: Tab reaches "Sign in", Enter starts the launch
  for (let i = 0; i < 6 && (await page.evaluate(() => document.activeElement?.id)) !== "sign-in"; i++) {
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), "sign-in", "Sign in is reachable by keyboard");
  await page.keyboard.press("Enter");
  await signInAndPick(page, "parent", "demo", CHILD);
  await page.getByRole("heading", { level: 1, name: "Ada Demo" }).waitFor();
}

async function noSidewaysScrolling(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, "no sideways scrolling at " + (await page.evaluate(() => window.innerWidth)) + " px (" + overflow + "px too wide)");
}

async function downloadBy(page, buttonName, file) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: buttonName }).click()]);
  const path = join(outDir, file);
  await download.saveAs(path);
  return { path, suggested: download.suggestedFilename() };
}

async function fileTheObjection(page) {
  await page.locator("#shots[aria-busy=false]").waitFor();
  await page.locator("#due[aria-busy=false]").waitFor();
  await noSidewaysScrolling(page);
  const shots = await page.locator("#shots tbody tr").evaluateAll((rows) => rows.map((row) =>
    ({ vaccine: row.cells[0].textContent, date: row.cells[1].querySelector("time").getAttribute("datetime") })));
  const due = await page.locator("#due .due-list li").evaluateAll((items) => items.map((item) =>
    ({ kind: item.className, vaccine: item.querySelector(".vaccine").textContent, when: item.querySelector(".when").textContent })));
  const signedInAs = await page.locator("section[aria-label='Whose record'] p.muted").textContent();
  // what the parent saw, on a phone and on a desktop, for people reviewing a change
  await page.screenshot({ path: join(outDir, "portal-phone.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await noSidewaysScrolling(page);
  await page.screenshot({ path: join(outDir, "portal-desktop.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });

  const record = await downloadBy(page, "Download the printable record (PDF)", "record.pdf");
  assert.equal(readFileSync(record.path).subarray(0, 5).toString(), "%PDF-");
  const card = await downloadBy(page, "Download the SMART Health Card", "card.smart-health-card");
  const jws = JSON.parse(readFileSync(card.path, "utf8")).verifiableCredential[0];
  const claims = await verifyHealthCard(jws, registry);
  const [head, body, signature] = jws.split(".");
  const forged = head + "." + body + "." + (signature[0] === "A" ? "B" : "A") + signature.substring(1);
  await assert.rejects(verifyHealthCard(forged, registry), "a changed signature is refused");

  await page.getByRole("button", { name: "Object to data sharing" }).click();
  await page.getByRole("button", { name: "Yes, I object" }).click();
  await page.locator("#objection-state", { hasText: "You object" }).waitFor();

  // the accounting of disclosures lists this visit's proof requests once the page is opened again
  let disclosures = [];
  for (let attempt = 0; attempt < 10 && !disclosures.some((row) => row.includes("$printable-record")); attempt++) {
    await page.reload();
    await page.locator("#disclosures[aria-busy=false]").waitFor();
    disclosures = await page.locator("#disclosures tbody tr").evaluateAll((rows) => rows.map((row) => row.textContent));
  }
  assert.ok(disclosures.some((row) => row.includes("$printable-record") && row.includes("parent")), "the proof request is listed");
  return { signedInAs, shots, due, record: record.path, recordName: record.suggested, card: card.path,
    cardName: card.suggested, jws, card_summary: summary(claims), disclosures };
}

async function withdrawAndSwitch(page) {
  await page.locator("#objection-state", { hasText: "You object" }).waitFor();
  await page.getByRole("button", { name: "Withdraw the objection" }).click();
  await page.getByRole("button", { name: "Yes, withdraw it" }).click();
  await page.locator("#objection-state", { hasText: "shared as the law allows" }).waitFor();

  // another child: a new launch, where the registry asks only whose record
  await page.getByRole("button", { name: "Open another family member's record" }).click();
  await pick(page, OTHER_CHILD);
  await page.getByRole("heading", { level: 1, name: "Leo Demo" }).waitFor();
  await page.locator("#shots[aria-busy=false]").waitFor();
  const otherShots = await page.locator("#shots tbody tr").count();

  // Deny on the registry's page sends the parent back with a plain message
  await page.getByRole("button", { name: "Open another family member's record" }).click();
  await page.waitForURL(/\/oauth2\/consent/);
  await page.getByRole("button", { name: "Deny" }).click();
  const denied = await page.locator("#status .alert").textContent();

  // signing in again after Deny needs no password; Sign out ends the registry's session, so then it does
  await page.getByRole("button", { name: "Sign in" }).click();
  await pick(page, CHILD);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Your family's immunization records" }).waitFor();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/login/);
  return { otherShots, denied, signedOut: true };
}

const seen = await inBrowser(outDir, "portal-" + phase, async (page) => {
  await openPortal(page);
  return phase === "object" ? fileTheObjection(page) : withdrawAndSwitch(page);
});
writeFileSync(join(outDir, "portal-" + phase + ".json"), JSON.stringify(seen, null, 2));
console.log(JSON.stringify(seen));
