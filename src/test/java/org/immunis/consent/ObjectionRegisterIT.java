package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.RegistryIntegrationTest;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The table of objections in force follows every Consent write, rolls back with a refused one, and is rebuilt if missing. */
class ObjectionRegisterIT extends RegistryIntegrationTest {

	@Autowired
	private ObjectionRegister register;

	private IGenericClient admin;
	private String clinic;

	@BeforeEach
	void clinic() {
		admin = client();
		clinic = admin.create().resource(RegistryRecords.organization("Register clinic", "provider")).execute()
				.getId().getIdPart();
	}

	private String newPatient() {
		return admin.create().resource(RegistryRecords.patient("Register", "2015-03-04")).execute().getId().getIdPart();
	}

	private String file(String patient) {
		return admin.create().resource(RegistryRecords.objection(patient, clinic)).execute().getId().getIdPart();
	}

	private void setStatus(String consentId, String patient, Consent.ConsentState status) {
		Consent consent = RegistryRecords.objection(patient, clinic);
		consent.setId(consentId);
		consent.setStatus(status);
		admin.update().resource(consent).execute();
	}

	@Test
	void followsFilingWithdrawalAndRefiling() {
		String patient = newPatient();
		String other = newPatient();
		assertThat(register.objects(patient)).isFalse();

		String consent = file(patient);
		assertThat(register.objects(patient)).isTrue();
		assertThat(register.objecting(List.of(patient, other))).containsExactly(patient);

		setStatus(consent, patient, Consent.ConsentState.INACTIVE);
		assertThat(register.objects(patient)).isFalse();

		setStatus(consent, patient, Consent.ConsentState.ACTIVE);
		assertThat(register.objects(patient)).isTrue();

		setStatus(consent, patient, Consent.ConsentState.ENTEREDINERROR);
		assertThat(register.objects(patient)).isFalse();
	}

	@Test
	void twoObjectionsOfOnePatientCountUntilBothAreWithdrawn() {
		String patient = newPatient();
		String first = file(patient);
		String second = file(patient);

		setStatus(first, patient, Consent.ConsentState.INACTIVE);
		assertThat(register.objects(patient)).isTrue();
		setStatus(second, patient, Consent.ConsentState.INACTIVE);
		assertThat(register.objects(patient)).isFalse();
	}

	@Test
	void aRefusedTransactionLeavesNoObjectionBehind() {
		String patient = newPatient();
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		bundle.addEntry().setResource(RegistryRecords.objection(patient, clinic))
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Consent");
		Immunization unknownVaccine = RegistryRecords.immunization("Patient/" + patient, "99999", "2020-01-01");
		bundle.addEntry().setResource(unknownVaccine).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");

		assertThatThrownBy(() -> admin.transaction().withBundle(bundle).execute())
				.isInstanceOf(BaseServerResponseException.class);
		assertThat(register.objects(patient)).isFalse();
		assertThat(admin.search().forResource(Consent.class).where(Consent.PATIENT.hasId("Patient/" + patient))
				.returnBundle(Bundle.class).execute().getEntry()).isEmpty();
	}

	@Test
	void anObjectionFiledInATransactionWithItsPatientCountsAtOnce() {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = RegistryRecords.patient("Register", "2016-05-06");
		bundle.addEntry().setFullUrl("urn:uuid:8f1e6a3c-4d1b-4f6e-9a51-2b7d9c0e1f23").setResource(patient)
				.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		Consent objection = RegistryRecords.objection("placeholder", clinic);
		objection.setPatient(new Reference("urn:uuid:8f1e6a3c-4d1b-4f6e-9a51-2b7d9c0e1f23"));
		objection.setPerformer(List.of(new Reference("urn:uuid:8f1e6a3c-4d1b-4f6e-9a51-2b7d9c0e1f23")));
		bundle.addEntry().setResource(objection).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Consent");

		Bundle response = admin.transaction().withBundle(bundle).execute();
		String patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
		assertThat(register.objects(patientId)).isTrue();
	}
}
