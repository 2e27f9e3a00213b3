// The registry's family portal: a SMART app (standalone launch) on fhirclient's browser build (the global FHIR).
// A SMART token reaches one person, picked on the registry's consent page; a parent switches to another child by
// launching again, which asks only for the pick while the registry still knows them.

const SCOPE = "openid fhirUser launch/patient patient/*.rs patient/Consent.cruds";
const RECORDED_BY = "http://immunis.org/fhir/CodeSystem/recorded-by";
const OBJECTION_PROFILE = "http://immunis.org/fhir/StructureDefinition/data-sharing-objection";
const OBJECTION_CATEGORY = { system: "http://loinc.org", code: "59284-0" };
const LOINC_EARLIEST = "30981-5";
const LOINC_RECOMMENDED = "30980-7";
const LOINC_PAST_DUE = "59778-1";
const DAY = 24 * 60 * 60 * 1000;

const content = document.getElementById("content");
const status = document.getElementById("status");

// ---- small helpers -------------------------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "onclick") node.addEventListener("click", value);
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child);
  }
  return node;
}

function say(message, kind = "notice") {
  status.replaceChildren(el("p", { class: kind }, message));
  status.focus();
}

function clearStatus() {
  status.replaceChildren();
}

function parseDay(value) {
  return value ? new Date(value.substring(0, 10) + "T00:00:00Z") : null;
}

function today() {
  const now = new Date();
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
}

function formatDay(value) {
  const day = value instanceof Date ? value : parseDay(value);
  return day ? day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }) : "";
}

function formatMoment(value) {
  return new Date(value).toLocaleString("en-GB", { dateStyle: "long", timeStyle: "short" });
}

function nameOf(patient) {
  const name = (patient.name || [])[0] || {};
  return [...(name.given || []), name.family].filter(Boolean).join(" ") || name.text || "Unnamed";
}

function firstNameOf(patient) {
  const name = (patient.name || [])[0] || {};
  return (name.given || [])[0] || nameOf(patient);
}

function codeOf(concept, system) {
  return ((concept && concept.coding) || []).find((coding) => !system || coding.system === system)?.code;
}

function entries(bundle) {
  return ((bundle && bundle.entry) || []).map((entry) => entry.resource).filter(Boolean);
}

function fileName(patient, suffix) {
  return nameOf(patient).toLowerCase().replace(/[^a-z0-9]+/g, "-") + "-" + suffix;
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function section(id, title, ...children) {
  return el("section", { class: "card", id, "aria-labelledby": id + "-title" }, el("h2", { id: id + "-title" }, title), children);
}

// a part of the page that is still being read says so, to screen readers too
function loadingSection(id, title) {
  return el("section", { class: "card", id, "aria-labelledby": id + "-title", "aria-busy": "true" },
    el("h2", { id: id + "-title" }, title), el("p", { class: "muted loading" }, "Loading…"));
}

function loaded(target) {
  target.querySelector(".loading")?.remove();
  target.setAttribute("aria-busy", "false");
}

function problemOf(error) {
  return error && error.message ? error.message : String(error);
}

// ---- signing in ----------------------------------------------------------------------------------------------------

async function settings() {
  const response = await fetch("settings.json", { headers: { Accept: "application/json" } });
  return response.json();
}

async function signIn() {
  const { clientId } = await settings();
  sessionStorage.clear();
  await FHIR.oauth2.authorize({
    iss: location.origin + "/fhir",
    clientId,
    scope: SCOPE,
    redirectUri: location.origin + location.pathname,
    pkceMode: "required",
  });
}

function showWelcome(message) {
  document.getElementById("sign-in")?.addEventListener("click", () => signIn().catch((error) => say(problemOf(error), "alert")));
  if (message) say(message, "alert");
}

// ---- the person's record -------------------------------------------------------------------------------------------

async function open(client) {
  const patientId = client.patient.id;
  const fhirUser = client.getFhirUser();
  const actedFor = (client.getIdToken() || {}).immunis_patients || [];
  const [patient, user] = await Promise.all([
    client.request("Patient/" + encodeURIComponent(patientId)),
    fhirUser && fhirUser !== "Patient/" + patientId ? client.request(fhirUser).catch(() => null) : null,
  ]);
  const self = user || (fhirUser === "Patient/" + patientId ? patient : null);
  document.title = nameOf(patient) + " · Family portal";

  const header = el("section", { class: "card person-bar", "aria-label": "Whose record" },
    el("div", {},
      el("h1", { id: "person" }, nameOf(patient)),
      el("p", {}, "Born " + formatDay(patient.birthDate)),
      self ? el("p", { class: "muted" }, "Signed in as " + nameOf(self)
        + (actedFor.length > 1 ? ", who looks after the records of " + actedFor.length + " people" : "")) : null),
    el("div", {},
      actedFor.length > 1 ? el("button", { type: "button", class: "secondary", id: "switch", onclick: () => signIn() },
        "Open another family member's record") : null,
      el("button", { type: "button", class: "secondary", id: "sign-out", onclick: signOut }, "Sign out")));

  const due = loadingSection("due", "Due now and next");
  const shots = loadingSection("shots", "Shots");
  const proof = proofSection(client, patient);
  const sharing = loadingSection("sharing", "Who may see " + firstNameOf(patient) + "'s record");
  const disclosures = loadingSection("disclosures", "Who looked at " + firstNameOf(patient) + "'s record");
  content.replaceChildren(header, due, shots, proof, sharing, disclosures);
  clearStatus();

  await Promise.all([
    showShots(client, patient, shots),
    showDue(client, patient, due),
    showSharing(client, patient, self, sharing),
    showDisclosures(client, patient, disclosures),
  ]);
}

function signOut() {
  sessionStorage.clear();
  location.assign("/logout");
}

async function showShots(client, patient, target) {
  try {
    const bundle = await client.request("Immunization?patient=" + encodeURIComponent(patient.id) + "&_count=200");
    const doses = entries(bundle).filter((dose) => dose.status === "completed")
      .sort((a, b) => (b.occurrenceDateTime || "").localeCompare(a.occurrenceDateTime || ""));
    if (doses.length === 0) {
      target.append(el("p", {}, "The registry has no shots on record for " + firstNameOf(patient) + "."));
    } else {
      target.append(el("div", { class: "scroll" }, el("table", {},
        el("caption", { class: "muted" }, doses.length + " shots, newest first"),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Vaccine"), el("th", { scope: "col" }, "Date"))),
        el("tbody", {}, doses.map((dose) => el("tr", {},
          el("td", {}, vaccineName(dose)),
          el("td", {}, el("time", { datetime: (dose.occurrenceDateTime || "").substring(0, 10) }, formatDay(dose.occurrenceDateTime)))))))));
    }
  } catch (error) {
    target.append(el("p", { class: "alert" }, "The shots could not be read: " + problemOf(error)));
  }
  loaded(target);
}

function vaccineName(dose) {
  const coding = (dose.vaccineCode.coding || []).find((c) => c.display) || (dose.vaccineCode.coding || [])[0] || {};
  return dose.vaccineCode.text || coding.display || "Vaccine (CVX " + coding.code + ")";
}

// ---- what is due: the registry's forecast (CDC's schedule), only what matters now or within a year ------------------

async function showDue(client, patient, target) {
  try {
    const parameters = await client.request("Patient/" + encodeURIComponent(patient.id) + "/$immds-forecast");
    const recommendation = (parameters.parameter || []).find((p) => p.name === "recommendation")?.resource;
    const items = dueItems((recommendation && recommendation.recommendation) || [], today());
    if (items.length === 0) {
      target.append(el("p", {}, "Nothing is due now or within the next year."));
    } else {
      target.append(el("ul", { class: "due-list" }, items.map((item) => el("li", { class: item.kind },
        el("span", { class: "label" }, item.label + ": "), el("span", { class: "vaccine" }, item.vaccine),
        el("span", { class: "when" }, item.when)))));
    }
    const complete = ((recommendation && recommendation.recommendation) || [])
      .filter((r) => ["complete", "immune"].includes(codeOf(r.forecastStatus))).map(groupName);
    if (complete.length) target.append(el("p", { class: "muted" }, "Done: " + complete.join(", ") + "."));
    target.append(el("p", { class: "muted" }, "From the registry's forecast on CDC's schedule, on the shots the registry knows of."));
  } catch (error) {
    target.append(el("p", { class: "alert" }, "What is due could not be worked out: " + problemOf(error)));
  }
  loaded(target);
}

function groupName(recommendation) {
  const diseases = recommendation.targetDisease && recommendation.targetDisease.text;
  const group = recommendation.vaccineCode && recommendation.vaccineCode[0] && recommendation.vaccineCode[0].text;
  return diseases && diseases !== group ? group + " (" + diseases.toLowerCase() + ")" : group || diseases || "A vaccine";
}

function dateOf(recommendation, loinc) {
  const criterion = (recommendation.dateCriterion || []).find((c) => codeOf(c.code) === loinc);
  return criterion ? parseDay(criterion.value) : null;
}

// Overdue first, then due now, then what is recommended within the next year; later ones and finished series are left out.
function dueItems(recommendations, now) {
  const horizon = new Date(now.getTime() + 365 * DAY);
  const items = [];
  for (const recommendation of recommendations) {
    if (codeOf(recommendation.forecastStatus) !== "notComplete") continue;
    const earliest = dateOf(recommendation, LOINC_EARLIEST);
    const recommended = dateOf(recommendation, LOINC_RECOMMENDED) || earliest;
    const pastDue = dateOf(recommendation, LOINC_PAST_DUE);
    const vaccine = groupName(recommendation);
    if (pastDue && pastDue <= now) {
      items.push({ rank: 0, date: pastDue, kind: "overdue", label: "Overdue", vaccine,
        when: "Overdue since " + formatDay(pastDue) + ". Ask your clinic for this shot soon." });
    } else if (recommended && recommended <= now) {
      items.push({ rank: 1, date: recommended, kind: "due-now", label: "Due now", vaccine,
        when: "Due since " + formatDay(recommended) + (pastDue ? "; overdue from " + formatDay(pastDue) : "") + "." });
    } else if (recommended && recommended <= horizon) {
      const canStart = earliest && earliest < recommended
        ? (earliest <= now ? " It may be given now." : " It may be given from " + formatDay(earliest) + ".") : "";
      items.push({ rank: 2, date: recommended, kind: "next", label: "Next", vaccine,
        when: "Due on " + formatDay(recommended) + "." + canStart });
    }
  }
  return items.sort((a, b) => a.rank - b.rank || a.date - b.date);
}

// ---- proof of vaccination ------------------------------------------------------------------------------------------

function proofSection(client, patient) {
  const first = firstNameOf(patient);
  return section("proof", "Proof of vaccination",
    el("p", {}, "A printable record for school or camp lists every shot, whether it counts and what is due, with "
      + first + "'s SMART Health Card as QR codes. The SMART Health Card is a signed copy of the shots that a wallet app "
      + "on your phone keeps and that anyone can check with the registry's public key."),
    el("button", { type: "button", id: "download-record", onclick: () => downloadRecord(client, patient) },
      "Download the printable record (PDF)"),
    el("button", { type: "button", id: "download-card", onclick: () => downloadCard(client, patient) },
      "Download the SMART Health Card"));
}

async function downloadRecord(client, patient) {
  say("Preparing the printable record…");
  try {
    const response = await fetch(client.state.serverUrl + "/Patient/" + encodeURIComponent(patient.id) + "/$printable-record", {
      headers: { Authorization: client.getAuthorizationHeader(), Accept: "application/pdf" },
    });
    if (!response.ok) throw new Error(await outcomeText(response));
    download(await response.blob(), fileName(patient, "immunization-record.pdf"));
    say("The printable record of " + nameOf(patient) + " was downloaded.");
  } catch (error) {
    say("The printable record could not be made: " + problemOf(error), "alert");
  }
}

async function downloadCard(client, patient) {
  say("Preparing the SMART Health Card…");
  try {
    const parameters = await client.request({
      url: "Patient/" + encodeURIComponent(patient.id) + "/$health-cards-issue",
      method: "POST",
      headers: { "Content-Type": "application/fhir+json" },
      body: JSON.stringify({ resourceType: "Parameters", parameter: [
        { name: "credentialType", valueUri: "https://smarthealth.cards#immunization" }] }),
    });
    const cards = (parameters.parameter || []).filter((p) => p.name === "verifiableCredential").map((p) => p.valueString);
    if (cards.length === 0) {
      say("There are no shots to put on a SMART Health Card yet.", "alert");
      return;
    }
    download(new Blob([JSON.stringify({ verifiableCredential: cards })], { type: "application/smart-health-card" }),
      fileName(patient, "immunizations.smart-health-card"));
    say("The SMART Health Card of " + nameOf(patient) + " was downloaded. Open it with your wallet app.");
  } catch (error) {
    say("The SMART Health Card could not be made: " + problemOf(error), "alert");
  }
}

async function outcomeText(response) {
  try {
    const outcome = await response.json();
    return (outcome.issue || []).map((issue) => issue.diagnostics).filter(Boolean).join(" ") || response.statusText;
  } catch {
    return response.status + " " + response.statusText;
  }
}

// ---- the objection to data sharing ---------------------------------------------------------------------------------

async function showSharing(client, patient, self, target) {
  const first = firstNameOf(patient);
  const body = el("div", {});
  target.append(body);
  const render = async () => {
    const objections = entries(await client.request("Consent?patient=" + encodeURIComponent(patient.id)
      + "&category=" + encodeURIComponent(OBJECTION_CATEGORY.system + "|" + OBJECTION_CATEGORY.code)));
    const inForce = objections.find((consent) => consent.status === "active" && consent.provision?.type === "deny");
    body.replaceChildren(
      el("p", { class: "objection-state", id: "objection-state" }, inForce
        ? "You object to sharing " + first + "'s record (since " + formatDay(inForce.dateTime) + ")."
        : first + "'s record is shared as the law allows."),
      el("p", {}, inForce ? "While the objection is in force:" : "If you object to data sharing:"),
      el("ul", { class: "explain" },
        el("li", {}, "Each clinic sees only the shots it gave itself, and " + first + "'s name and birth date. Other clinics no longer find "
          + first + " in the registry, so they cannot see shots given elsewhere."),
        el("li", {}, "Schools, boards of health, public-health programs and researchers no longer see " + first + "'s record."),
        el("li", {}, "The shots are still recorded. You, and the registry's administrators, still see everything, and you can "
          + "still print the record and get the SMART Health Card."),
        el("li", {}, "A clinic's forecast of what is due may then miss shots given elsewhere. You can withdraw the objection at any time.")),
      inForce
        ? el("button", { type: "button", id: "withdraw-objection", onclick: () => confirmThen(body,
          "Withdraw the objection? " + first + "'s record is then shared again as the law allows.", "Yes, withdraw it",
          () => withdraw(client, inForce, first).then(render)) }, "Withdraw the objection")
        : el("button", { type: "button", id: "file-objection", onclick: () => confirmThen(body,
          "Object to sharing " + first + "'s record?", "Yes, I object",
          () => object(client, patient, self).then(render)) }, "Object to data sharing"));
  };
  try {
    await render();
  } catch (error) {
    body.replaceChildren(el("p", { class: "alert" }, "The sharing choice could not be read: " + problemOf(error)));
  }
  loaded(target);
}

function confirmThen(container, question, yes, action) {
  container.querySelector(".confirm")?.remove();
  const box = el("div", { class: "confirm", role: "group", "aria-labelledby": "confirm-question" },
    el("p", { id: "confirm-question" }, question),
    el("button", { type: "button", id: "confirm-yes", onclick: async () => {
      box.remove();
      try {
        await action();
      } catch (error) {
        say("That did not work: " + problemOf(error), "alert");
      }
    } }, yes),
    el("button", { type: "button", class: "secondary", onclick: () => box.remove() }, "Cancel"));
  container.append(box);
  box.querySelector("#confirm-yes").focus();
}

// The registry's objection profile: the organization that took it is the clinic that recorded the patient.
async function object(client, patient, self) {
  const clinic = (patient.meta?.tag || []).find((tag) => tag.system === RECORDED_BY)?.code;
  const organization = clinic ? "Organization/" + clinic : patient.managingOrganization?.reference;
  if (!organization) throw new Error("the registry does not know which clinic keeps this record; please ask your clinic");
  const performer = self ? "Patient/" + self.id : "Patient/" + patient.id;
  const author = (code) => ({ role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code }] },
    reference: { reference: organization } });
  await client.create({
    resourceType: "Consent",
    meta: { profile: [OBJECTION_PROFILE] },
    status: "active",
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy" }] },
    category: [{ coding: [OBJECTION_CATEGORY] }],
    patient: { reference: "Patient/" + patient.id },
    dateTime: new Date().toISOString(),
    performer: [{ reference: performer }],
    organization: [{ reference: organization }],
    policy: [{ uri: "http://immunis.org/fhir/policy/data-sharing" }],
    provision: { type: "deny", provision: [{ type: "permit", actor: [author("AUT"), author("IRCP")] }] },
  });
  say("Your objection is filed: " + firstNameOf(patient) + "'s record is no longer shared.");
}

async function withdraw(client, objection, first) {
  await client.update({ ...objection, status: "inactive" });
  say("The objection is withdrawn: " + first + "'s record is shared again.");
}

// ---- the accounting of disclosures ---------------------------------------------------------------------------------

const INTERACTIONS = {
  read: "read the record",
  vread: "read an earlier version",
  "search-type": "searched",
  "search-system": "searched",
  create: "added a record",
  update: "changed a record",
  delete: "deleted a record",
  "history-instance": "read the history",
  "extended-operation-instance": "asked for",
  "extended-operation-type": "asked for",
};

async function showDisclosures(client, patient, target) {
  try {
    const events = entries(await client.request("AuditEvent?patient=" + encodeURIComponent(patient.id) + "&_sort=-date&_count=20"));
    const organizations = await organizationNames(client, events);
    if (events.length === 0) {
      target.append(el("p", {}, "Nobody has looked at the record yet."));
    } else {
      target.append(el("div", { class: "scroll", role: "region", "aria-label": "Who looked, newest first", tabindex: "0" }, el("table", {},
        el("caption", { class: "muted" }, "The last " + events.length + " requests about " + firstNameOf(patient) + ", newest first"),
        el("thead", {}, el("tr", {}, ["When", "Who", "What", "Result"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, events.map((event) => el("tr", {},
          el("td", {}, formatMoment(event.recorded)),
          el("td", {}, who(event, organizations)),
          el("td", {}, what(event)),
          el("td", {}, event.outcome === "0" ? "allowed" : "refused")))))));
    }
  } catch (error) {
    target.append(el("p", { class: "alert" }, "Who looked could not be read: " + problemOf(error)));
  }
  loaded(target);
}

function agentValue(event, system) {
  return (event.agent || []).map((agent) => agent.who?.identifier).find((id) => id && id.system === system)?.value;
}

async function organizationNames(client, events) {
  const ids = [...new Set(events.map((event) => agentValue(event, "urn:immunis:organization")).filter(Boolean)
    .map((reference) => reference.replace(/^Organization\//, "")))];
  if (ids.length === 0) return {};
  const bundle = await client.request("Organization?_id=" + ids.map(encodeURIComponent).join(",")).catch(() => null);
  return Object.fromEntries(entries(bundle).map((organization) => [organization.id, organization.name]));
}

function who(event, organizations) {
  const requester = (event.agent || []).find((agent) => agent.requestor);
  const user = requester?.who?.identifier?.value;
  const role = requester?.role?.[0]?.text;
  const organization = agentValue(event, "urn:immunis:organization");
  const place = organization ? organizations[organization.replace(/^Organization\//, "")] || organization : null;
  return [place, user && (role ? user + " (" + role + ")" : user)].filter(Boolean).join(", ") || "unknown";
}

const OPERATIONS = {
  "$printable-record": "printed the immunization record",
  "$health-cards-issue": "issued a SMART Health Card",
  "$immds-forecast": "worked out what is due",
};

function what(event) {
  const interaction = codeOf(event.subtype && { coding: event.subtype });
  const target = (event.entity || []).map((entity) => entity.what?.display).find(Boolean) || "";
  const operation = target.substring(target.lastIndexOf("/") + 1);
  if (OPERATIONS[operation]) return OPERATIONS[operation] + " (" + operation + ")";
  return (INTERACTIONS[interaction] || interaction || "request") + (target ? " " + target : "");
}

// ---- start ---------------------------------------------------------------------------------------------------------

async function start() {
  const query = new URLSearchParams(location.search);
  if (query.get("error")) {
    history.replaceState(null, "", location.pathname);
    showWelcome(query.get("error") === "access_denied"
      ? "You did not allow the portal to open a record. Sign in again to choose one."
      : "Signing in did not work: " + (query.get("error_description") || query.get("error")));
    return;
  }
  if (!query.has("code") && !sessionStorage.getItem("SMART_KEY")) {
    showWelcome();
    return;
  }
  try {
    const client = await FHIR.oauth2.ready();
    say("Opening the record…");
    await open(client);
  } catch (error) {
    sessionStorage.clear();
    showWelcome("Please sign in again (" + problemOf(error) + ").");
  }
}

window.addEventListener("load", start);
