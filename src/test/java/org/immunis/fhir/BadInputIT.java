package org.immunis.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.zip.GZIPOutputStream;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.RegistryIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputIT extends RegistryIntegrationTest {

	private FhirHttp http;
	private String patientReference;

	@BeforeEach
	void aPatientToVaccinate() {
		http = new FhirHttp(baseUrl());
		patientReference = client().create().resource(RegistryRecords.patient("Baptiste", "2021-07-07")).execute()
				.getId().toUnqualifiedVersionless().getValue();
	}

	private String immunizationJson(String status, String vaccineCode, String patient, String occurrence) {
		return "{\"resourceType\":\"Immunization\"" + status + vaccineCode + patient + occurrence + "}";
	}

	static Stream<Arguments> brokenImmunizations() {
		String status = ",\"status\":\"completed\"";
		String vaccine = ",\"vaccineCode\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"20\"}]}";
		String occurrence = ",\"occurrenceDateTime\":\"2022-01-10\",\"primarySource\":true,\"lotNumber\":\"AB123\"";
		return Stream.of(
				Arguments.of("no status", "", vaccine, "PATIENT", occurrence, 422, "Immunization.status"),
				Arguments.of("no vaccine code", status, "", "PATIENT", occurrence, 422, "Immunization.vaccineCode"),
				Arguments.of("unknown CVX", status, vaccine.replace("\"20\"", "\"777\""), "PATIENT", occurrence, 422,
						"unknown CVX code '777'"),
				Arguments.of("no patient", status, vaccine, "", occurrence, 422, "Immunization.patient"),
				Arguments.of("no occurrence", status, vaccine, "PATIENT", ",\"primarySource\":true,\"lotNumber\":\"AB123\"", 422,
						"Immunization.occurrence"),
				Arguments.of("dated in the future", status, vaccine, "PATIENT", ",\"occurrenceDateTime\":\"2099-01-01\",\"primarySource\":true,\"lotNumber\":\"AB123\"", 422,
						"is in the future"),
				Arguments.of("a patient that does not exist", status, vaccine, "Patient/no-such-patient", occurrence, 400,
						"Immunization.patient"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenImmunizations")
	void aBrokenImmunizationIsRefusedWithAnOutcomeNamingTheField(
			String name, String status, String vaccine, String patient, String occurrence, int expectedStatus, String expectedText) {
		String reference = patient.equals("PATIENT") ? patientReference : patient;
		String patientJson = patient.isEmpty() ? "" : ",\"patient\":{\"reference\":\"" + reference + "\"}";
		HttpResponse<String> response = http.post("Immunization", immunizationJson(status, vaccine, patientJson, occurrence));

		assertThat(response.statusCode()).isEqualTo(expectedStatus);
		OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssue()).anySatisfy(issue -> {
			assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
			assertThat(issue.getDiagnostics()).contains(expectedText);
		});
	}

	@Test
	void aPatientWithoutBirthDateIsRefused() {
		HttpResponse<String> response = http.post("Patient",
				"{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Solo\"}],\"gender\":\"male\"}");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("Patient.birthDate");
	}

	@Test
	void malformedJsonIsABadRequest() {
		HttpResponse<String> response = http.post("Patient", "{\"resourceType\":\"Patient\",\"name\":[");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("OperationOutcome");
	}

	@Test
	void aRefusedUpdateKeepsTheStoredVersion() {
		String id = patientReference.substring("Patient/".length());
		HttpResponse<String> response = http.put(patientReference,
				"{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Baptiste\"}],\"gender\":\"female\"}");
		assertThat(response.statusCode()).isEqualTo(422);

		Patient stored = client().read().resource(Patient.class).withId(id).execute();
		assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
		assertThat(stored.getBirthDateElement().getValueAsString()).isEqualTo("2021-07-07");
	}

	@Test
	void nothingOfARefusedTransactionIsStored() {
		String mrn = UUID.randomUUID().toString();
		String bundle = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:11111111-1111-1111-1111-111111111111",
				  "resource":{"resourceType":"Patient","identifier":[{"system":"urn:test","value":"%s"}],
				   "name":[{"family":"Partial"}],"gender":"male","birthDate":"2010-10-10"},
				  "request":{"method":"POST","url":"Patient"}},
				 {"resource":{"resourceType":"Immunization","status":"completed",
				   "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"08"}]},
				   "patient":{"reference":"urn:uuid:11111111-1111-1111-1111-111111111111"},
				   "occurrenceDateTime":"2010-10-11","primarySource":true,"lotNumber":"AB124"},
				  "request":{"method":"POST","url":"Immunization"}},
				 {"resource":{"resourceType":"Immunization","status":"completed",
				   "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"08"}]},
				   "patient":{"reference":"urn:uuid:11111111-1111-1111-1111-111111111111"},
				   "occurrenceDateTime":"2099-10-11","primarySource":true,"lotNumber":"AB125"},
				  "request":{"method":"POST","url":"Immunization"}}]}
				""".formatted(mrn);

		HttpResponse<String> response = http.post("", bundle);

		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.body()).contains("Immunization.occurrence");
		Bundle found = client().search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndIdentifier("urn:test", mrn))
				.returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).isEmpty();
	}

	@Test
	void aResourceTypeTheRegistryDoesNotServeIsRefused() {
		HttpResponse<String> response = http.get("Observation");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("OperationOutcome").contains("Unknown resource type 'Observation'");
	}

	// Hostile input: each is refused with a 4xx OperationOutcome in the registry's words, and nothing of it is stored.

	private static String patientNamed(String familyJson, String givenJson) {
		return "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test\",\"value\":\"" + UUID.randomUUID()
				+ "\"}],\"name\":[{\"family\":" + familyJson + ",\"given\":" + givenJson
				+ "}],\"gender\":\"female\",\"birthDate\":\"2020-01-01\"}";
	}

	private void assertRefused(HttpResponse<String> response, int status, String expectedText) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
		OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
		assertThat(response.body()).contains(expectedText)
				.doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("insert into")
				.doesNotContain("Exception").doesNotContain("java.").doesNotContain("<html");
	}

	private void assertNoPatientCalled(String family) {
		Bundle found = client().search().forResource(Patient.class).where(Patient.FAMILY.matchesExactly().value(family))
				.returnBundle(Bundle.class).execute();
		assertThat(found.getEntry()).isEmpty();
	}

	static Stream<Arguments> hostileTextValues() {
		return Stream.of(
				Arguments.of("a NUL character", "\"Hostile\\u0000Nul\"", "[\"Ann\"]", "U+0000"),
				Arguments.of("a lone surrogate", "\"Hostile\\ud800Half\"", "[\"Ann\"]", "lone surrogate"),
				Arguments.of("a string over the cap", "\"Hostile" + "x".repeat(20_000) + "\"", "[\"Ann\"]", "longer than"),
				Arguments.of("a null in given", "\"Hostile\"", "[null]", "Patient.name"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileTextValues")
	void aHostileTextValueIsRefusedAndNothingIsStored(String name, String family, String given, String expectedText) {
		HttpResponse<String> response = http.post("Patient", patientNamed(family, given));
		assertThat(response.statusCode()).as(response.body()).isBetween(400, 422);
		assertRefused(response, response.statusCode(), expectedText);
		assertNoPatientCalled("Hostile");
	}

	@Test
	void invalidUtf8IsRefusedRatherThanRepaired() {
		byte[] body = patientNamed("\"BadUtf8#\"", "[\"Ann\"]").getBytes(StandardCharsets.UTF_8);
		body[new String(body, StandardCharsets.ISO_8859_1).indexOf('#')] = (byte) 0xC3;
		HttpResponse<String> response = http.send("POST", "Patient", body, "Content-Type", "application/fhir+json");
		assertRefused(response, 400, "not valid UTF-8");
		assertNoPatientCalled("BadUtf8");
	}

	@Test
	void aGzipBombIsRefusedWithoutBeingUnpacked() throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			byte[] spaces = new byte[1 << 20];
			Arrays.fill(spaces, (byte) ' ');
			gzip.write("{\"resourceType\":\"Patient\",\"gender\":\"female\"".getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < 200; i++) {
				gzip.write(spaces);
			}
			gzip.write("}".getBytes(StandardCharsets.UTF_8));
		}
		assertThat(compressed.size()).isLessThan(1_000_000);
		HttpResponse<String> response = http.send("POST", "Patient", compressed.toByteArray(),
				"Content-Type", "application/fhir+json", "Content-Encoding", "gzip");
		assertRefused(response, 413, "larger than the registry accepts");
	}

	@Test
	void aGzipBodyWithinTheCapIsAccepted() throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(patientNamed("\"Gzipped\"", "[\"Ann\"]").getBytes(StandardCharsets.UTF_8));
		}
		HttpResponse<String> response = http.send("POST", "Patient", compressed.toByteArray(),
				"Content-Type", "application/fhir+json", "Content-Encoding", "gzip");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	@Test
	void aGarbageIfMatchIsRefused() {
		String id = patientReference.substring("Patient/".length());
		String update = "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"name\":[{\"family\":\"Baptiste\"}],"
				+ "\"gender\":\"female\",\"birthDate\":\"2021-07-07\"}";
		HttpResponse<String> response = http.send("PUT", patientReference, update.getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/fhir+json", "If-Match", "W/\"not-a-version\"");
		assertRefused(response, 400, "If-Match");
		assertThat(client().read().resource(Patient.class).withId(id).execute().getMeta().getVersionId()).isEqualTo("1");
	}

	@ParameterizedTest(name = "dose quantity {0}")
	@ValueSource(strings = {"-1", "1e400"})
	void anImpossibleDoseQuantityIsRefused(String value) {
		String immunization = "{\"resourceType\":\"Immunization\",\"status\":\"completed\","
				+ "\"vaccineCode\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/cvx\",\"code\":\"20\"}]},"
				+ "\"patient\":{\"reference\":\"" + patientReference + "\"},\"occurrenceDateTime\":\"2022-01-10\","
				+ "\"primarySource\":true,\"lotNumber\":\"AB123\",\"doseQuantity\":{\"value\":" + value + ",\"unit\":\"mL\"}}";
		assertRefused(http.post("Immunization", immunization), 422, "Immunization.doseQuantity.value");
		assertThat(http.get("Immunization?patient=" + patientReference).body()).doesNotContain("\"doseQuantity\"");
	}

	@Test
	void aTransactionEntryOfAnotherTypeThanItsUrlIsRefused() {
		String bundle = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"resource":{"resourceType":"Patient","name":[{"family":"WrongUrl"}],"gender":"male","birthDate":"2010-10-10"},
				  "request":{"method":"POST","url":"Immunization"}}]}
				""";
		assertRefused(http.post("", bundle), 400, "does not name the type of its resource");
		assertNoPatientCalled("WrongUrl");
	}

	@Test
	void aTransactionOverTheEntryCapIsRefused() {
		String entry = """
				{"resource":{"resourceType":"Patient","name":[{"family":"TooMany"}],"gender":"male","birthDate":"2010-10-10"},
				 "request":{"method":"POST","url":"Patient"}}""";
		String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
				+ String.join(",", Collections.nCopies(1001, entry)) + "]}";
		assertRefused(http.post("", bundle), 413, "at most 1000 entries");
		assertNoPatientCalled("TooMany");
	}

	static Stream<Arguments> requestsTomcatRefuses() {
		return Stream.of(
				Arguments.of("a 16 KB header", "Patient", new String[] {"X-Padding", "x".repeat(16 * 1024)}),
				Arguments.of("a 50 KB query string", "Patient?family=" + "x".repeat(50 * 1024), new String[0]),
				Arguments.of("an encoded slash in the path", "Patient%2Fsome-id", new String[0]));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requestsTomcatRefuses")
	void whatTomcatRefusesIsAnsweredWithAnOperationOutcome(String name, String path, String[] headers) {
		assertRefused(http.send("GET", path, null, headers), 400, "refused before it was read");
	}

	@Test
	void administrativeOperationsAreNotOffered() {
		assertThat(http.post("$expunge", "{\"resourceType\":\"Parameters\"}").statusCode()).isBetween(400, 405);
		assertThat(http.get("$get-resource-counts").statusCode()).isBetween(400, 405);
		assertThat(http.post("CodeSystem/$upload-external-code-system", "{\"resourceType\":\"Parameters\"}").statusCode())
				.isBetween(400, 405);
		assertThat(http.get("SearchParameter").statusCode()).isEqualTo(404);
	}
}
