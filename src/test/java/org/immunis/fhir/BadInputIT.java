package org.immunis.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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

	@Test
	void administrativeOperationsAreNotOffered() {
		assertThat(http.post("$expunge", "{\"resourceType\":\"Parameters\"}").statusCode()).isBetween(400, 405);
		assertThat(http.get("$get-resource-counts").statusCode()).isBetween(400, 405);
		assertThat(http.post("CodeSystem/$upload-external-code-system", "{\"resourceType\":\"Parameters\"}").statusCode())
				.isBetween(400, 405);
		assertThat(http.get("SearchParameter").statusCode()).isEqualTo(404);
	}
}
