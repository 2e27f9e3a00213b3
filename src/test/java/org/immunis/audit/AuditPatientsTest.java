package org.immunis.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class AuditPatientsTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	@Test
	void aRequestAsksForThePatientItsIdOrItsParametersName() {
		assertThat(AuditPatients.askedFor("Patient", "p1", Map.of())).containsExactly("p1");
		assertThat(AuditPatients.askedFor("Immunization", "i1", Map.of("patient", new String[] {"Patient/p1,p2"})))
				.containsExactly("p1", "p2");
		assertThat(AuditPatients.askedFor("Consent", null, Map.of("subject", new String[] {"Patient/p3"}))).containsExactly("p3");
		assertThat(AuditPatients.askedFor("Patient", null, Map.of("_id", new String[] {"p4"}))).containsExactly("p4");
	}

	@Test
	void anIdOfAnotherTypeOrAValueThatIsNoIdNamesNoPatient() {
		assertThat(AuditPatients.askedFor("Immunization", null, Map.of("_id", new String[] {"i1"}))).isEmpty();
		assertThat(AuditPatients.askedFor("Immunization", null, Map.of("patient", new String[] {"Patient/a b"}))).isEmpty();
		assertThat(AuditPatients.askedFor("Organization", "o1", Map.of())).isEmpty();
	}

	@Test
	void aRecordNamesThePatientItIsAbout() {
		assertThat(AuditPatients.of(new Patient().setId("p1"))).isEqualTo("p1");
		assertThat(AuditPatients.of(new Immunization().setPatient(new Reference("Patient/p2")))).isEqualTo("p2");
		assertThat(AuditPatients.of(new Consent().setPatient(new Reference("Patient/p3")))).isEqualTo("p3");
		assertThat(AuditPatients.of(new Immunization().setPatient(new Reference("Group/g1")))).isNull();
		assertThat(AuditPatients.of(new Organization().setId("o1"))).isNull();
	}

	@Test
	void aWriteBodyNamesTheStoredPatientsItsRecordsAreAbout() {
		assertThat(AuditPatients.namedIn(new Immunization().setPatient(new Reference("Patient/p1")))).containsExactly("p1");
		assertThat(AuditPatients.namedIn(new Patient())).isEmpty();
	}

	@Test
	void aBundleNamesItsStoredPatientsButNotThoseItWouldCreate() {
		String json = """
				{"resourceType":"Bundle","type":"transaction","entry":[
				 {"fullUrl":"urn:uuid:0b7c2c44-8b59-4bd7-a4a5-0c2b5d0f6a11","resource":{"resourceType":"Patient"},
				  "request":{"method":"POST","url":"Patient"}},
				 {"resource":{"resourceType":"Immunization","patient":{"reference":"urn:uuid:0b7c2c44-8b59-4bd7-a4a5-0c2b5d0f6a11"}},
				  "request":{"method":"POST","url":"Immunization"}},
				 {"resource":{"resourceType":"Immunization","patient":{"reference":"Patient/p1"}},
				  "request":{"method":"POST","url":"Immunization"}},
				 {"request":{"method":"DELETE","url":"Immunization/i1"}}]}
				""";
		Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, json);

		assertThat(AuditPatients.namedIn(bundle)).containsExactly("p1");
	}
}
