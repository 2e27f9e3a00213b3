package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filing and withdrawing an objection: who may, the shape it must have, its history, and its immediate effect; audit. */
class ObjectionLifecycleIT extends RegistryIntegrationTest {

	private String clinic;

	private ConsentHttp as(String token) {
		return new ConsentHttp(baseUrl(), token, fhirContext);
	}

	@BeforeEach
	void clinic() {
		Organization organization = ConsentFixture.organization("Clinic " + UUID.randomUUID(), "provider");
		clinic = ConsentFixture.created(as(TestTokens.admin()).post("Organization", json(organization))).substring("Organization/".length());
	}

	private ConsentHttp provider() {
		return as(TestTokens.as("provider").organization("Organization/" + clinic).scopes("user/*.cruds").mint());
	}

	private ConsentHttp researcher() {
		return as(TestTokens.as("researcher").study("s").scopes("user/*.rs").mint());
	}

	private ConsentHttp patient(String id) {
		return as(TestTokens.as("patient").patients(id).scopes("patient/*.rs", "patient/Consent.cruds").mint());
	}

	private String newPatient() {
		Patient patient = RegistryRecords.patient("Lifecycle", "2012-01-01");
		return ConsentFixture.created(provider().post("Patient", json(patient))).substring("Patient/".length());
	}

	private String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
		return fhirContext.newJsonParser().encodeResourceToString(resource);
	}

	@Test
	void filingAndWithdrawingTakeEffectOnTheNextRequestAndHistoryKeepsBoth() {
		String patient = newPatient();
		assertThat(researcher().get("Patient/" + patient).status()).isEqualTo(200);

		// the patient files through a portal app
		ConsentHttp self = patient(patient);
		String consent = ConsentFixture.created(self.post("Consent", json(ConsentFixture.objection(patient, clinic))));
		assertThat(researcher().get("Patient/" + patient).status()).isEqualTo(404);
		assertThat(researcher().get("Immunization?patient=Patient/" + patient).ids()).isEmpty();

		Consent withdrawn = ConsentFixture.objection(patient, clinic);
		withdrawn.setId(consent.substring("Consent/".length()));
		withdrawn.setStatus(Consent.ConsentState.INACTIVE);
		assertThat(self.put(consent, json(withdrawn)).status()).isEqualTo(200);
		assertThat(researcher().get("Patient/" + patient).status()).isEqualTo(200);

		// the history of objections and withdrawals: the patient and the admin read it, others see nothing
		assertThat(self.get(consent + "/_history").bundle().getEntry()).hasSize(2);
		assertThat(as(TestTokens.admin()).get(consent + "/_history").bundle().getEntry()).hasSize(2);
		assertThat(researcher().get(consent).status()).isEqualTo(404);
		assertThat(researcher().get("Consent?patient=Patient/" + patient).ids()).isEmpty();
	}

	@Test
	void aProviderFilesOnThePatientsBehalfAndOthersMayNot() {
		String patient = newPatient();
		assertThat(provider().post("Consent", json(ConsentFixture.objection(patient, clinic))).status()).isEqualTo(201);
		ConsentHttp school = as(TestTokens.as("school").organization("Organization/s").scopes("user/*.cruds").mint());
		assertThat(school.post("Consent", json(ConsentFixture.objection(patient, clinic))).status()).isEqualTo(403);
		assertThat(patient("someone-else").post("Consent", json(ConsentFixture.objection(patient, clinic))).status()).isEqualTo(403);
	}

	@Test
	void aConsentThatDoesNotFitTheProfileIsRejectedNamingTheElement() {
		String patient = newPatient();
		Consent permit = ConsentFixture.objection(patient, clinic);
		permit.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		ConsentHttp.Answer answer = provider().post("Consent", json(permit));
		assertThat(answer.status()).isEqualTo(422);
		OperationOutcome outcome = (OperationOutcome) answer.resource();
		assertThat(outcome.getIssue()).anySatisfy(issue ->
				assertThat(issue.getExpression().get(0).getValue()).isEqualTo("Consent.provision.type"));

		Consent otherPolicy = ConsentFixture.objection(patient, clinic);
		otherPolicy.getPolicyFirstRep().setUri("http://example.org/other");
		otherPolicy.getProvision().getProvisionFirstRep().setType(Consent.ConsentProvisionType.DENY);
		ConsentHttp.Answer other = provider().post("Consent", json(otherPolicy));
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.body()).contains("Consent.policy").contains("Consent.provision.provision[0].type");
	}

	@Test
	void auditEventsRecordDisclosuresAndRefusalsAndCannotBeChanged() {
		String patient = newPatient();
		researcher().get("Patient/" + patient);
		patient(patient).post("Consent", json(ConsentFixture.objection(patient, clinic)));
		researcher().get("Patient/" + patient);

		ConsentHttp self = patient(patient);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			ConsentHttp.Answer trail = self.get("AuditEvent?patient=Patient/" + patient + "&_count=100");
			assertThat(trail.status()).as(trail.body()).isEqualTo(200);
			assertThat(trail.body()).contains("test-researcher").contains("\"outcome\":\"4\"").contains("\"outcome\":\"0\"");
		});
		assertThat(researcher().get("AuditEvent?patient=Patient/" + patient).status()).isEqualTo(403);
		assertThat(patient("someone-else").get("AuditEvent?patient=Patient/" + patient).status()).isEqualTo(403);
		ConsentHttp admin = as(TestTokens.admin());
		String any = admin.get("AuditEvent?patient=Patient/" + patient).ids().iterator().next();
		String event = admin.get(any).body();
		assertThat(admin.put(any, event).status()).isEqualTo(403);
		assertThat(admin.delete(any).status()).isEqualTo(403);
		assertThat(admin.post("AuditEvent", event.replaceAll("\"id\":\"[^\"]*\",", "")).status()).isEqualTo(403);
		assertThat(self.post("AuditEvent", event.replaceAll("\"id\":\"[^\"]*\",", "")).status()).isEqualTo(403);
	}
}
