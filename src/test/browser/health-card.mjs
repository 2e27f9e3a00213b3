// A SMART Health Card verifier written from the specification (https://spec.smarthealth.cards) on the jose library and
// jsQR, sharing nothing with the registry's issuer: it finds the issuer's key from the card's iss, checks kid, key and
// signature, inflates the payload, checks the FHIR bundle, and reads shc:/ QR images back into the card.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import { calculateJwkThumbprint, compactVerify, decodeProtectedHeader, importJWK } from "jose";
import jsQR from "jsqr";
import { PNG } from "pngjs";

const CVX = "http://hl7.org/fhir/sid/cvx";

/** Verifies a compact JWS as a SMART Health Card of immunizations; answers its payload. */
export async function verifyHealthCard(jws, expectedIssuer) {
  const header = decodeProtectedHeader(jws);
  assert.equal(header.alg, "ES256");
  assert.equal(header.zip, "DEF");
  assert.ok(header.kid, "the header names its key");

  // the issuer is read from the payload before the signature can be checked: it says where the key is
  const unverified = JSON.parse(inflateRawSync(Buffer.from(jws.split(".")[1], "base64url")).toString("utf8"));
  assert.equal(unverified.iss, expectedIssuer);
  assert.ok(!unverified.iss.endsWith("/"), "iss has no trailing slash");

  const response = await fetch(unverified.iss + "/.well-known/jwks.json");
  assert.equal(response.status, 200);
  const jwks = await response.json();
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  assert.ok(jwk, "the key the card names is published");
  assert.deepEqual([jwk.kty, jwk.crv, jwk.use, jwk.alg], ["EC", "P-256", "sig", "ES256"]);
  assert.equal(jwk.d, undefined, "no private part is published");
  assert.equal(await calculateJwkThumbprint(jwk, "sha256"), header.kid, "kid is the key's RFC 7638 thumbprint");

  const { payload } = await compactVerify(jws, await importJWK(jwk, "ES256"));
  const claims = JSON.parse(inflateRawSync(Buffer.from(payload)).toString("utf8"));
  assert.ok(claims.nbf <= Date.now() / 1000 + 60, "nbf is not in the future");
  assert.ok(claims.vc.type.includes("https://smarthealth.cards#health-card"));
  assert.ok(claims.vc.type.includes("https://smarthealth.cards#immunization"));
  assert.equal(claims.vc.credentialSubject.fhirVersion, "4.0.1");
  checkBundle(claims.vc.credentialSubject.fhirBundle);
  return claims;
}

function checkBundle(bundle) {
  assert.equal(bundle.resourceType, "Bundle");
  assert.equal(bundle.type, "collection");
  const [first, ...rest] = bundle.entry;
  assert.equal(first.fullUrl, "resource:0");
  assert.equal(first.resource.resourceType, "Patient");
  assert.ok(first.resource.name[0].family && first.resource.birthDate);
  assert.ok(rest.length > 0, "the card holds immunizations");
  rest.forEach((entry, index) => {
    assert.equal(entry.fullUrl, "resource:" + (index + 1));
    const dose = entry.resource;
    assert.equal(dose.resourceType, "Immunization");
    assert.equal(dose.status, "completed");
    assert.equal(dose.patient.reference, "resource:0");
    assert.ok(dose.vaccineCode.coding.some((coding) => coding.system === CVX && coding.code));
    assert.match(dose.occurrenceDateTime, /^\d{4}-\d{2}-\d{2}/);
    assert.equal(dose.id, undefined, "no ids travel on a card");
  });
}

/** The patient and the doses (CVX code and date) a verified card holds, to compare cards with records. */
export function summary(claims) {
  const [patient, ...doses] = claims.vc.credentialSubject.fhirBundle.entry.map((entry) => entry.resource);
  return {
    name: [...(patient.name[0].given || []), patient.name[0].family].join(" "),
    birthDate: patient.birthDate,
    doses: doses.map((dose) => dose.vaccineCode.coding.find((c) => c.system === CVX).code + " " + dose.occurrenceDateTime.substring(0, 10)).sort(),
  };
}

/** Reads a QR code image (PNG) into its text. */
export function readQr(pngFile) {
  const png = PNG.sync.read(readFileSync(pngFile));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, "a QR code is found in " + pngFile);
  return code.data;
}

/** Joins shc:/ numeric QR texts (one, or chunks shc:/i/n/...) back into the JWS. */
export function jwsOfQrTexts(texts) {
  const chunks = texts.map((text) => {
    const match = /^shc:\/(?:(\d+)\/(\d+)\/)?(\d+)$/.exec(text);
    assert.ok(match, "a numeric shc:/ code: " + text.substring(0, 20));
    return { index: Number(match[1] || 1), total: Number(match[2] || 1), digits: match[3] };
  }).sort((a, b) => a.index - b.index);
  assert.deepEqual(chunks.map((chunk) => chunk.index), chunks.map((_, i) => i + 1), "every chunk once");
  chunks.forEach((chunk) => assert.equal(chunk.total, chunks.length));
  return chunks.map((chunk) => chunk.digits.match(/\d\d/g).map((pair) => String.fromCharCode(Number(pair) + 45)).join("")).join("");
}
