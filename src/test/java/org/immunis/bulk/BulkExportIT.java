package org.immunis.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.bulk.BulkFixture.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk export driven end to end over HTTP as a bulk data client drives it (kick-off, poll, download), for every kind
 * of requester and patient state: every line parses as FHIR R4 and is exactly what a read by the same requester shows.
 */
class BulkExportIT extends RegistryIntegrationTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static BulkFixture fixture;

	@BeforeEach
	void fixture() {
		if (fixture == null) {
			fixture = new BulkFixture(this::client);
		}
	}

	@Test
	void aDphBackendServicesClientExportsWhatTheProgramMaySee() throws Exception {
		String token = backendServicesToken("demo-dph-export", "config/identity-demo/demo-dph-export-private.pem", "system/*.rs");

		BulkClient.Export export = bulk(token).export("$export");

		Set<String> exported = export.ids();
		assertThat(exported).containsAll(fixture.all(State.SHARING, State.WITHDRAWN, State.MOVED, State.OFF_ROSTER))
				.doesNotContainAnyElementsOf(fixture.all(State.OBJECTING))
				.contains("Organization/" + fixture.clinicA, "Organization/demo-dph");
		Patient sharing = (Patient) byId(export, fixture.records.get(State.SHARING).patient());
		assertThat(sharing.getLink()).as("the link to a patient the program may not see").isEmpty();
		assertSameAsReads(token, export);
	}

	@Test
	void eachRequesterGetsItsGroupsPatientsAsItMaySeeThem() throws Exception {
		String boardToken = BulkFixture.token("board-of-health", fixture.board);
		assertThat(fixture.ids(bulk(boardToken).export(BulkFixture.export(fixture.jurisdiction))))
				.as("the board: its residents who share").isEqualTo(fixture.all(State.SHARING, State.WITHDRAWN, State.OFF_ROSTER));

		String schoolToken = BulkFixture.token("school", fixture.school);
		BulkClient.Export school = bulk(schoolToken).export(BulkFixture.export(fixture.roster));
		assertThat(fixture.ids(school)).as("the school: the children on its roster who share")
				.isEqualTo(fixture.all(State.SHARING, State.WITHDRAWN, State.MOVED));
		assertSameAsReads(schoolToken, school);

		String providerToken = BulkFixture.token("provider", fixture.clinicA);
		BulkClient.Export panel = bulk(providerToken).export(BulkFixture.export(fixture.panelA));
		Set<String> expected = fixture.everything();
		expected.remove(fixture.records.get(State.OBJECTING).immunizationB());
		assertThat(fixture.ids(panel)).as("clinic A: every patient it recorded for; of the objecting one, its own dose").isEqualTo(expected);
		assertSameAsReads(providerToken, panel);

		BulkClient.Export admin = bulk(TestTokens.admin()).export(BulkFixture.export(fixture.roster));
		assertThat(fixture.ids(admin)).isEqualTo(fixture.all(State.SHARING, State.OBJECTING, State.WITHDRAWN, State.MOVED));
		assertThat(((Patient) byId(admin, fixture.records.get(State.SHARING).patient())).getLink()).hasSize(1);

		String researcher = TestTokens.as("researcher").study("bulk-" + fixture.suffix).scopes("user/*.rs").mint();
		BulkClient.Export research = bulk(researcher).export("Patient/$export?_type=Patient");
		assertThat(research.manifest().get("output")).allMatch(output -> output.get("type").asText().equals("Patient"));
		assertThat(research.ids()).containsAll(patients(State.SHARING, State.WITHDRAWN, State.MOVED, State.OFF_ROSTER))
				.doesNotContain(fixture.records.get(State.OBJECTING).patient());
	}

	@Test
	void aGroupTheRequesterDoesNotManageIsAsUnknownAsOneThatDoesNotExist() throws Exception {
		BulkClient school = bulk(BulkFixture.token("school", fixture.school));
		BulkClient.Answer notManaged = school.kickOff(BulkFixture.export(fixture.jurisdiction));
		BulkClient.Answer unknown = school.kickOff("Group/" + UUID.randomUUID() + "/$export");

		assertThat(notManaged.status()).isEqualTo(404);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(issue(notManaged.body()).replace(id(fixture.jurisdiction), "x"))
				.isEqualTo(issue(unknown.body()).replaceAll("Group/[0-9a-f-]+", "Group/x"));
		assertThat(bulk(BulkFixture.token("provider", fixture.clinicC)).kickOff(BulkFixture.export(fixture.panelA)).status())
				.isEqualTo(404);
	}

	@Test
	void theCapabilityStatementOffersBulkData() throws Exception {
		CapabilityStatement capabilities = anonymousClient().capabilities().ofType(CapabilityStatement.class).execute();
		assertThat(capabilities.getInstantiates()).extracting(CanonicalType::getValue).contains(BulkCapabilityInterceptor.BULK_DATA);
		assertThat(capabilities.getRestFirstRep().getOperation()).extracting(operation -> operation.getName()).contains("export");
	}

	@Test
	void patientsAndGuardiansAreRefused() throws Exception {
		String patient = id(fixture.records.get(State.SHARING).patient());
		String token = TestTokens.as("patient").patients(patient).scopes("patient/*.rs").mint();

		BulkClient.Answer answer = bulk(token).kickOff("Patient/$export");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(issue(answer.body())).contains("bulk export is for organizations");
	}

	@Test
	void onlyTheRequesterWhoStartedAnExportSeesItsStatusAndFiles() throws Exception {
		BulkClient board = bulk(BulkFixture.token("board-of-health", fixture.board));
		String status = board.kickOff(BulkFixture.export(fixture.jurisdiction)).header("Content-Location");
		JsonNode manifest = board.manifest(status);
		String file = manifest.get("output").get(0).get("url").asText();

		BulkClient otherBoard = bulk(TestTokens.as("board-of-health").organization("Organization/" + fixture.board)
				.claim("sub", "another-user").scopes("user/*.rs").mint());
		BulkClient school = bulk(BulkFixture.token("school", fixture.school));
		for (BulkClient other : List.of(otherBoard, school)) {
			assertThat(other.get(status).status()).isEqualTo(404);
			assertThat(other.get(file).status()).isEqualTo(404);
			assertThat(other.delete(status).status()).isEqualTo(404);
		}
		assertThat(bulk(null).get(file).status()).isEqualTo(401);
		assertThat(issue(school.get(status).body())).isEqualTo(issue(school.get(status.replaceAll("[0-9a-f-]{36}$", UUID.randomUUID().toString())).body())
				.replaceAll("[0-9a-f-]{36}", status.substring(status.length() - 36)));
		assertThat(board.get(file).status()).isEqualTo(200);
	}

	@Test
	void typeAndSinceNarrowTheExport() throws Exception {
		BulkClient researcher = bulk(TestTokens.as("researcher").study("bulk").scopes("user/*.rs").mint());
		String roster = BulkFixture.export(fixture.roster);
		BulkClient.Export immunizations = bulk(TestTokens.admin()).export(roster + "?_type=Immunization");
		assertThat(immunizations.resources()).isNotEmpty().allMatch(resource -> resource.fhirType().equals("Immunization"));

		Instant before = Instant.now();
		Thread.sleep(50);
		String patient = fixture.records.get(State.SHARING).patient();
		Patient changed = client().read().resource(Patient.class).withId(patient).execute();
		changed.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("555-0100");
		client().update().resource(changed).execute();

		BulkClient.Export since = researcher.export("Patient/$export?_since=" + URLEncoder.encode(before.toString(), StandardCharsets.UTF_8));
		assertThat(since.ids()).contains(patient).doesNotContain(fixture.records.get(State.WITHDRAWN).patient(),
				fixture.records.get(State.SHARING).immunizationA());
	}

	@Test
	void badInputIsAnsweredWithAClearOperationOutcome() throws Exception {
		BulkClient admin = bulk(TestTokens.admin());
		String roster = BulkFixture.export(fixture.roster);

		assertRefused(admin.kickOff(roster + "?_type=Observation"), 400, "_type Observation is not exported here");
		assertRefused(admin.kickOff(roster + "?_type=Organization"), 400, "_type Organization is not exported here");
		assertRefused(admin.kickOff(roster + "?_outputFormat=text/csv"), 400, "_outputFormat 'text/csv' is not supported");
		assertRefused(admin.kickOff(roster + "?_since=yesterday"), 400, "_since must be a FHIR instant");
		assertRefused(admin.kickOff(roster + "?_typeFilter=Immunization%3Fstatus%3Dcompleted"), 400, "_typeFilter is not supported");
		assertRefused(admin.kickOff("Group/" + id(fixture.jurisdiction) + "/$export?_outputFormat=application/fhir%2Bjson"), 400,
				"_outputFormat 'application/fhir+json' is not supported");
		for (String format : List.of("application/fhir%2Bndjson", "application/ndjson", "ndjson")) {
			assertThat(admin.kickOff(roster + "?_outputFormat=" + format).status()).isEqualTo(202);
		}
		HttpResponse<String> synchronous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/" + roster))
				.header("Authorization", "Bearer " + TestTokens.admin()).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(synchronous.statusCode()).isEqualTo(400);
		assertThat(issue(synchronous.body())).contains("Prefer: respond-async");
		String narrow = TestTokens.as("board-of-health").organization("Organization/" + fixture.board).scopes("user/Patient.rs").mint();
		assertRefused(bulk(narrow).kickOff("Group/" + id(fixture.jurisdiction) + "/$export?_type=Immunization"), 403,
				"may not read Immunization");
		assertThat(bulk(narrow).export(BulkFixture.export(fixture.jurisdiction)).resources())
				.as("without _type: the types its scopes allow").isNotEmpty().allMatch(resource -> resource.fhirType().equals("Patient"));
	}

	@Test
	void everyExportAndEveryDownloadIsAudited() throws Exception {
		String board = BulkFixture.token("board-of-health", fixture.board);
		bulk(board).export(BulkFixture.export(fixture.jurisdiction));
		String patient = fixture.records.get(State.OFF_ROSTER).patient();

		Set<String> interactions = new HashSet<>();
		for (int attempt = 0; attempt < 50 && !interactions.containsAll(Set.of("bulk-export", "bulk-export-file")); attempt++) {
			Thread.sleep(200);
			Bundle events = client().search().byUrl("AuditEvent?patient=" + patient + "&_count=100").returnBundle(Bundle.class).execute();
			interactions = events.getEntry().stream().map(entry -> ((AuditEvent) entry.getResource()).getSubtypeFirstRep().getCode())
					.collect(Collectors.toSet());
		}
		assertThat(interactions).contains("bulk-export", "bulk-export-file");
	}

	// Every exported record is what a read by the same requester shows: the same version, the same content.
	private void assertSameAsReads(String token, BulkClient.Export export) {
		List<IBaseResource> resources = export.resources();
		for (int from = 0; from < resources.size(); from += 50) {
			Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
			List<IBaseResource> page = resources.subList(from, Math.min(from + 50, resources.size()));
			page.forEach(resource -> batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET)
					.setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart()));
			Bundle answer = client(token).transaction().withBundle(batch).execute();
			for (int i = 0; i < page.size(); i++) {
				Bundle.BundleEntryComponent entry = answer.getEntry().get(i);
				assertThat(entry.getResponse().getStatus()).as(page.get(i).getIdElement().getValue() + " " + outcomeOf(entry)).startsWith("200");
				Resource read = entry.getResource();
				assertThat(fhirContext.newJsonParser().encodeResourceToString(read))
						.isEqualTo(fhirContext.newJsonParser().encodeResourceToString(page.get(i)));
			}
		}
	}

	private String outcomeOf(Bundle.BundleEntryComponent entry) {
		return entry.getResponse().hasOutcome() ? fhirContext.newJsonParser().encodeResourceToString(entry.getResponse().getOutcome()) : "";
	}

	private void assertRefused(BulkClient.Answer answer, int status, String message) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).contains("json");
		assertThat(issue(answer.body())).contains(message);
	}

	private String issue(String body) {
		return ((OperationOutcome) fhirContext.newJsonParser().parseResource(body)).getIssueFirstRep().getDiagnostics();
	}

	private static IBaseResource byId(BulkClient.Export export, String id) {
		return export.resources().stream().filter(resource -> (resource.fhirType() + "/" + resource.getIdElement().getIdPart()).equals(id))
				.findFirst().orElseThrow();
	}

	private List<String> patients(State... states) {
		List<String> patients = new ArrayList<>();
		for (State state : states) {
			patients.add(fixture.records.get(state).patient());
		}
		return patients;
	}

	private static String id(String reference) {
		return reference.substring(reference.indexOf('/') + 1);
	}

	private BulkClient bulk(String token) {
		return new BulkClient(baseUrl(), token, fhirContext);
	}

	private String root() {
		return baseUrl().substring(0, baseUrl().length() - "/fhir".length());
	}

	// SMART Backend Services: a client assertion signed with the client's private key, exchanged for an access token
	private String backendServicesToken(String clientId, String privateKeyPem, String scope) throws Exception {
		String base64 = Files.readString(Path.of(privateKeyPem)).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(root() + "/oauth2/token")
				.jwtID(UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(4)))).build();
		SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(clientId + "-1").build(), claims);
		assertion.sign(new RSASSASigner(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)))));
		Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", scope,
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", assertion.serialize());
		String body = form.entrySet().stream().map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root() + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asText();
	}
}
