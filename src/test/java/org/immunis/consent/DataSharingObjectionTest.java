package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.Test;

class DataSharingObjectionTest {

	private static final String NEW_PATIENT = "urn:uuid:0c3f5a1e-7b2d-4e8f-9a6c-1d2e3f4a5b6c";

	@Test
	void theRegistrysObjectionFitsAndIsInForce() {
		Consent objection = RegistryRecords.objection("1", "2");
		assertThat(DataSharingObjection.problems(objection)).isEmpty();
		assertThat(DataSharingObjection.inForce(objection)).isTrue();
		assertThat(DataSharingObjection.patientId(objection)).isEqualTo("1");
	}

	@Test
	void aWithdrawnOrMistakenObjectionIsNotInForce() {
		for (Consent.ConsentState status : List.of(Consent.ConsentState.INACTIVE, Consent.ConsentState.ENTEREDINERROR)) {
			Consent objection = RegistryRecords.objection("1", "2");
			objection.setStatus(status);
			assertThat(DataSharingObjection.problems(objection)).isEmpty();
			assertThat(DataSharingObjection.inForce(objection)).isFalse();
		}
	}

	@Test
	void aNewPatientOfTheSameTransactionMayBeNamedByItsFullUrl() {
		Consent objection = RegistryRecords.objection("1", "2");
		objection.setPatient(new Reference(NEW_PATIENT));
		objection.setPerformer(List.of(new Reference(NEW_PATIENT)));
		assertThat(DataSharingObjection.problems(objection)).isEmpty();
		assertThat(DataSharingObjection.patientId(objection)).isNull();
	}

	@Test
	void thePatientMustBeAPatient() {
		Consent objection = RegistryRecords.objection("1", "2");
		objection.setPatient(new Reference("Group/1"));
		assertThat(DataSharingObjection.problems(objection)).containsExactly(
				"Consent.patient: must reference the Patient who objects (Patient/id)");
	}

	@Test
	void aPerformerWithoutATypeIsAProblemNotAnError() {
		Consent objection = RegistryRecords.objection("1", "2");
		objection.setPerformer(List.of(new Reference("#signer")));
		assertThat(DataSharingObjection.problems(objection)).containsExactly(
				"Consent.performer[0]: must reference the Patient or a guardian (RelatedPerson) who signed");
	}

	@Test
	void anExceptionMustNameTheAuthoringOrganization() {
		Consent objection = RegistryRecords.objection("1", "2");
		objection.getProvision().getProvisionFirstRep().getActor().forEach(actor -> actor.setReference(new Reference("Patient/1")));
		assertThat(DataSharingObjection.problems(objection)).containsExactly(
				"Consent.provision.provision[0].actor: an exception names the Organization as author (AUT) and as recipient (IRCP);"
						+ " AUT is missing (immunis-dso-3)",
				"Consent.provision.provision[0].actor: an exception names the Organization as author (AUT) and as recipient (IRCP);"
						+ " IRCP is missing (immunis-dso-3)");
	}

	@Test
	void anExceptionNamingTheOrganizationAsAuthorOnlyIsRefusedAsTheProfileRefusesIt() {
		Consent objection = RegistryRecords.objection("1", "2");
		objection.getProvision().getProvisionFirstRep().getActor()
				.removeIf(actor -> "IRCP".equals(actor.getRole().getCodingFirstRep().getCode()));
		assertThat(DataSharingObjection.problems(objection)).containsExactly(
				"Consent.provision.provision[0].actor: an exception names the Organization as author (AUT) and as recipient (IRCP);"
						+ " IRCP is missing (immunis-dso-3)");
	}

	@Test
	void aPractitionerIsNotWhoObjects() {
		Consent objection = RegistryRecords.objection("1", "2");
		objection.setPerformer(List.of(new Reference("Practitioner/1")));
		assertThat(DataSharingObjection.problems(objection)).containsExactly(
				"Consent.performer[0]: must reference the Patient or a guardian (RelatedPerson) who signed");
	}

	@Test
	void aDenyThatPermitsIsRefused() {
		Consent objection = RegistryRecords.objection("1", "2");
		objection.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
		assertThat(DataSharingObjection.problems(objection)).containsExactly("Consent.provision.type: must be deny (immunis-dso-1)");
		assertThat(DataSharingObjection.inForce(objection)).isFalse();
	}
}
