// An unmodified fhirclient app on another origin: a tiny HTTP server on its own port serves a launch page and a callback
// page that load fhirclient's browser build; the browser launches it against the registry (standalone launch), so
// discovery, the token endpoint and the FHIR API are reached cross-origin, through real CORS.
//   node standalone-app.mjs <registry> <out> <fhir-client.js>
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { inBrowser, signInAndPick } from "./browser.mjs";

const [registry, outDir, fhirClientJs] = process.argv.slice(2);

const page = (script) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Standalone app</title>
<script src="/fhir-client.js"></script></head><body><p id="result">starting</p><script>${script}</script></body></html>`;
const files = {
  "/fhir-client.js": ["text/javascript", readFileSync(fhirClientJs)],
  "/launch.html": ["text/html", page(`FHIR.oauth2.authorize({ iss: ${JSON.stringify(registry + "/fhir")}, clientId: "demo-public-app",
      scope: "openid fhirUser launch/patient patient/Patient.rs patient/Immunization.rs", redirectUri: "/callback" });`)],
  "/callback": ["text/html", page(`FHIR.oauth2.ready()
      .then((client) => Promise.all([client.request("Patient/" + client.patient.id),
        client.request("Immunization?patient=" + client.patient.id + "&_count=200"), Promise.resolve(client.getFhirUser())]))
      .then(([patient, doses, fhirUser]) => { document.getElementById("result").textContent = JSON.stringify({
        patient: patient.name[0].given[0] + " " + patient.name[0].family, doses: (doses.entry || []).length, fhirUser }); })
      .catch((error) => { document.getElementById("result").textContent = "failed: " + error.message; });`)],
};
const app = createServer((request, response) => {
  const file = files[new URL(request.url, "http://app").pathname];
  response.writeHead(file ? 200 : 404, { "Content-Type": file ? file[0] : "text/plain" });
  response.end(file ? file[1] : "not found");
});
await new Promise((resolve) => app.listen(0, "127.0.0.1", resolve));
const appOrigin = "http://127.0.0.1:" + app.address().port;
assert.notEqual(appOrigin, new URL(registry).origin);

try {
  const seen = await inBrowser(outDir, "standalone-app", async (browserPage) => {
    const crossOrigin = [];
    // what the registry answered to the app's origin with CORS headers (without them the browser hands the app nothing)
    browserPage.on("response", async (response) => {
      const request = response.request();
      const headers = await response.allHeaders();
      if (request.url().startsWith(registry) && (await request.allHeaders())["origin"] === appOrigin
        && headers["access-control-allow-origin"] === appOrigin) {
        crossOrigin.push(request.method() + " " + new URL(request.url()).pathname);
      }
    });
    await browserPage.goto(appOrigin + "/launch.html");
    await signInAndPick(browserPage, "parent", "demo", "Ada Demo, born 10 March 2021");
    await browserPage.waitForURL(appOrigin + "/callback**");
    await browserPage.locator("#result", { hasText: /patient|failed/ }).waitFor();
    return { appOrigin, result: await browserPage.locator("#result").textContent(), crossOrigin };
  });
  console.log(JSON.stringify(seen));
} finally {
  app.close();
}
