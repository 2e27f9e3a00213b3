package org.immunis.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.immunis.fhir.RegistryRecords.immunization;
import static org.immunis.fhir.RegistryRecords.patient;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;

class FhirServerIT extends RegistryIntegrationTest {

	@Test
	void capabilityStatementListsExactlyTheRegistryTypes() {
		CapabilityStatement capabilities = client().capabilities().ofType(CapabilityStatement.class).execute();
		List<String> types = capabilities.getRestFirstRep().getResource().stream()
				.map(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
				.toList();
		assertThat(types).contains("Patient", "Immunization", "Consent", "Organization", "AuditEvent")
				.doesNotContain("Observation", "SearchParameter", "Task", "CodeSystem");
	}

	@Test
	void createReadUpdateAndHistoryOfAPatient() {
		IGenericClient client = client();
		IdType id = (IdType) client.create().resource(patient("Okafor", "2015-04-02")).execute().getId();

		Patient read = client.read().resource(Patient.class).withId(id.getIdPart()).execute();
		assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Okafor");

		read.getNameFirstRep().setFamily("Okafor-Smith");
		IdType updated = (IdType) client.update().resource(read).execute().getId();
		assertThat(updated.getVersionIdPart()).isEqualTo("2");

		Patient firstVersion = client.read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "1").execute();
		assertThat(firstVersion.getNameFirstRep().getFamily()).isEqualTo("Okafor");

		Bundle history = client.history().onInstance(id.toUnqualifiedVersionless()).returnBundle(Bundle.class).execute();
		assertThat(history.getEntry()).hasSize(2);
	}

	@Test
	void searchAPatientsImmunizations() {
		IGenericClient client = client();
		String patientId = client.create().resource(patient("Nguyen", "2020-01-15")).execute().getId().toUnqualifiedVersionless().getValue();
		String otherId = client.create().resource(patient("Nguyen", "2020-01-15")).execute().getId().toUnqualifiedVersionless().getValue();
		client.create().resource(immunization(patientId, "08", "2020-01-16")).execute();
		client.create().resource(immunization(patientId, "20", "2020-03-15")).execute();
		client.create().resource(immunization(otherId, "20", "2020-03-15")).execute();

		Bundle found = client.search().forResource(Immunization.class)
				.where(Immunization.PATIENT.hasId(patientId))
				.returnBundle(Bundle.class)
				.execute();
		assertThat(found.getEntry()).hasSize(2)
				.allSatisfy(entry -> assertThat(((Immunization) entry.getResource()).getPatient().getReference()).isEqualTo(patientId));
	}

	@Test
	void findAPatientByIdentifierAndByNameAndBirthDate() {
		IGenericClient client = client();
		Patient patient = patient("Kowalczyk", "2011-11-11");
		String mrn = patient.getIdentifierFirstRep().getValue();
		client.create().resource(patient).execute();

		Bundle byIdentifier = client.search().forResource(Patient.class)
				.where(Patient.IDENTIFIER.exactly().systemAndIdentifier(RegistryRecords.MRN_SYSTEM, mrn))
				.returnBundle(Bundle.class).execute();
		assertThat(byIdentifier.getEntry()).hasSize(1);

		Bundle byNameAndBirthDate = client.search().forResource(Patient.class)
				.where(Patient.FAMILY.matches().value("Kowalczyk"))
				.and(Patient.BIRTHDATE.exactly().day("2011-11-11"))
				.returnBundle(Bundle.class).execute();
		assertThat(byNameAndBirthDate.getEntry()).hasSize(1);
	}

	@Test
	void aTransactionStoresAPatientWithTenImmunizationsLinkedByUuid() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		String patientUuid = "urn:uuid:" + java.util.UUID.randomUUID();
		Patient patient = patient("Haddad", "2018-02-02");
		transaction.addEntry().setFullUrl(patientUuid).setResource(patient)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		List<String> cvxCodes = List.of("08", "20", "10", "17", "133", "116", "03", "21", "83", "141");
		cvxCodes.forEach(cvx -> transaction.addEntry().setResource(immunization(patientUuid, cvx, "2019-06-01"))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization"));

		Bundle response = client().transaction().withBundle(transaction).execute();

		assertThat(response.getEntry()).hasSize(11)
				.allSatisfy(entry -> assertThat(entry.getResponse().getStatus()).startsWith("201"));
		String patientId = new IdType(response.getEntryFirstRep().getResponse().getLocation()).toUnqualifiedVersionless().getValue();
		Bundle immunizations = client().search().forResource(Immunization.class)
				.where(Immunization.PATIENT.hasId(patientId))
				.count(50)
				.returnBundle(Bundle.class).execute();
		assertThat(immunizations.getEntry()).hasSize(10);
	}

	@Test
	void searchResultsComeInFullPagesWithNextLinks() {
		IGenericClient client = client();
		String patientId = client.create().resource(patient("Lindqvist", "2019-09-09")).execute().getId().toUnqualifiedVersionless().getValue();
		List<String> cvxCodes = List.of("08", "20", "10", "17", "133", "116", "03");
		cvxCodes.forEach(cvx -> client.create().resource(immunization(patientId, cvx, "2020-01-01")).execute());

		Bundle page = client.search().forResource(Immunization.class)
				.where(Immunization.PATIENT.hasId(patientId))
				.count(3)
				.returnBundle(Bundle.class).execute();
		List<String> seen = new ArrayList<>();
		List<String> nextLinks = new ArrayList<>();
		while (true) {
			page.getEntry().forEach(entry -> seen.add(entry.getResource().getIdElement().toUnqualifiedVersionless().getValue()));
			if (page.getLink(Bundle.LINK_NEXT) == null) {
				break;
			}
			nextLinks.add(page.getLink(Bundle.LINK_NEXT).getUrl());
			page = client.loadPage().next(page).execute();
		}

		assertThat(seen).hasSize(cvxCodes.size()).doesNotHaveDuplicates();
		assertThat(nextLinks).hasSize(2);
	}

	@Test
	void aContainedResourceIsStoredAndServedWithItsLocalReference() {
		Practitioner nurse = new Practitioner();
		nurse.setId("nurse");
		nurse.addName().setFamily("Achterberg");
		PractitionerRole role = new PractitionerRole();
		role.addContained(nurse);
		role.setPractitioner(new Reference("#nurse"));

		IdType id = (IdType) client().create().resource(role).execute().getId();
		PractitionerRole read = client().read().resource(PractitionerRole.class).withId(id.getIdPart()).execute();

		assertThat(read.getContained()).hasSize(1);
		assertThat(((Practitioner) read.getContained().get(0)).getNameFirstRep().getFamily()).isEqualTo("Achterberg");
		assertThat(read.getPractitioner().getReference()).isEqualTo("#nurse");
	}

	@Test
	void aSearchSentAsAFormIsRead() {
		client().create().resource(patient("Formsearchova", "2015-05-05")).execute();
		HttpResponse<String> response = new FhirHttp(baseUrl()).send("POST", "Patient/_search",
				"family=Formsearchova".getBytes(StandardCharsets.UTF_8),
				"Content-Type", "application/x-www-form-urlencoded");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Formsearchova");
	}

	@Test
	void fullTextSearchIsNotOffered() {
		for (String parameter : List.of("_content", "_text")) {
			HttpResponse<String> response = new FhirHttp(baseUrl()).get("Patient?" + parameter + "=Marblehead");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("OperationOutcome").contains("no full-text search");
		}
	}

	@Test
	void anUnknownPatientIsNotFound() {
		assertThatThrownBy(() -> client().read().resource(Patient.class).withId("does-not-exist").execute())
				.isInstanceOf(ResourceNotFoundException.class);
	}
}
