package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Organization;
import org.immunis.RegistryIntegrationTest;
import org.immunis.SecondInstance;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/** Two registry servers on one database: an objection filed on one counts on the other from the very next request. */
class TwoInstancesIT extends RegistryIntegrationTest {

	@Autowired
	private DataSource dataSource;

	@Test
	void anObjectionFiledOnOneInstanceCountsOnTheOtherAtOnce() {
		try (ConfigurableApplicationContext second = SecondInstance.start(dataSource)) {
			String secondUrl = SecondInstance.fhirBase(second);
			String clinic = ConsentFixture.created(new ConsentHttp(baseUrl(), TestTokens.admin(), fhirContext).post("Organization",
					fhirContext.newJsonParser().encodeResourceToString(ConsentFixture.organization("Clinic " + UUID.randomUUID(), "provider"))))
					.substring("Organization/".length());
			ConsentHttp providerOnFirst = new ConsentHttp(baseUrl(),
					TestTokens.as("provider").organization("Organization/" + clinic).scopes("user/*.cruds").mint(), fhirContext);
			String researcherToken = TestTokens.as("researcher").study("s").scopes("user/*.rs").mint();
			ConsentHttp researcherOnSecond = new ConsentHttp(secondUrl, researcherToken, fhirContext);

			String patient = ConsentFixture.created(providerOnFirst.post("Patient",
					fhirContext.newJsonParser().encodeResourceToString(RegistryRecords.patient("TwoInstances", "2014-02-02"))));
			String patientId = patient.substring("Patient/".length());
			assertThat(researcherOnSecond.get(patient).status()).isEqualTo(200);

			Consent objection = ConsentFixture.objection(patientId, clinic);
			String consent = ConsentFixture.created(providerOnFirst.post("Consent", fhirContext.newJsonParser().encodeResourceToString(objection)));
			assertThat(researcherOnSecond.get(patient).status()).isEqualTo(404);
			assertThat(researcherOnSecond.get("Patient?_id=" + patientId).ids()).isEmpty();

			objection.setId(consent.substring("Consent/".length()));
			objection.setStatus(Consent.ConsentState.INACTIVE);
			ConsentHttp providerOnSecond = new ConsentHttp(secondUrl,
					TestTokens.as("provider").organization("Organization/" + clinic).scopes("user/*.cruds").mint(), fhirContext);
			assertThat(providerOnSecond.put(consent, fhirContext.newJsonParser().encodeResourceToString(objection)).status()).isEqualTo(200);
			assertThat(new ConsentHttp(baseUrl(), researcherToken, fhirContext).get(patient).status()).isEqualTo(200);
			assertThat(researcherOnSecond.get(patient).status()).isEqualTo(200);
		}
	}
}
