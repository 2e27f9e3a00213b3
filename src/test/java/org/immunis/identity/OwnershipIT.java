package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.Test;

/** The ownership stamp: set by the server, kept across updates, and only its organization changes the record. */
class OwnershipIT extends RegistryIntegrationTest {

	private final String clinicA = "clinic-a-" + UUID.randomUUID().toString().substring(0, 8);
	private final String clinicB = "clinic-b-" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void theServerStampsTheRecordingOrganizationAndKeepsItAcrossUpdates() {
		IGenericClient providerA = provider(clinicA);
		IdType patient = (IdType) providerA.create().resource(patient()).execute().getId();
		Immunization immunization = (Immunization) providerA.create().resource(immunization(patient)).execute().getResource();

		assertThat(RecordOwnership.recordedBy(immunization)).isEqualTo(clinicA);
		assertThat(RecordOwnership.recordedBy(providerA.read().resource(Patient.class).withId(patient).execute())).isEqualTo(clinicA);

		immunization.getMeta().getTag().clear();
		immunization.setStatus(Immunization.ImmunizationStatus.ENTEREDINERROR);
		Immunization corrected = (Immunization) providerA.update().resource(immunization).execute().getResource();

		assertThat(corrected.getStatus()).isEqualTo(Immunization.ImmunizationStatus.ENTEREDINERROR);
		assertThat(RecordOwnership.recordedBy(corrected)).isEqualTo(clinicA);
		assertThat(RecordOwnership.recordedBy(providerA.read().resource(Immunization.class)
				.withId(corrected.getIdElement().toUnqualifiedVersionless()).execute())).isEqualTo(clinicA);
	}

	@Test
	void aClientCannotForgeTheStamp() {
		IGenericClient providerA = provider(clinicA);
		IdType patient = (IdType) providerA.create().resource(patient()).execute().getId();
		Immunization forged = immunization(patient);
		forged.getMeta().addTag(RecordOwnership.SYSTEM, clinicB, null);

		assertThatThrownBy(() -> providerA.create().resource(forged).execute())
				.isInstanceOf(ForbiddenOperationException.class)
				.hasMessageContaining("set by the registry");

		Immunization own = (Immunization) providerA.create().resource(immunization(patient)).execute().getResource();
		own.getMeta().getTag().clear();
		own.getMeta().addTag(RecordOwnership.SYSTEM, clinicB, null);
		assertThatThrownBy(() -> providerA.update().resource(own).execute()).isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void onlyTheRecordingOrganizationChangesOrDeletesItsRecords() {
		IGenericClient providerA = provider(clinicA);
		IGenericClient providerB = provider(clinicB);
		IdType patient = (IdType) providerA.create().resource(patient()).execute().getId();
		Immunization immunization = (Immunization) providerA.create().resource(immunization(patient)).execute().getResource();
		IdType id = immunization.getIdElement().toUnqualifiedVersionless();

		immunization.setStatus(Immunization.ImmunizationStatus.ENTEREDINERROR);
		assertThatThrownBy(() -> providerB.update().resource(immunization).execute()).isInstanceOf(ForbiddenOperationException.class);
		assertThatThrownBy(() -> providerB.delete().resourceById(id).execute()).isInstanceOf(ForbiddenOperationException.class);
		Patient patientRecord = providerB.read().resource(Patient.class).withId(patient).execute();
		patientRecord.setGender(Enumerations.AdministrativeGender.OTHER);
		assertThatThrownBy(() -> providerB.update().resource(patientRecord).execute()).isInstanceOf(ForbiddenOperationException.class);

		assertThat(providerB.read().resource(Immunization.class).withId(id).execute().getStatus())
				.isEqualTo(Immunization.ImmunizationStatus.COMPLETED);
		providerA.delete().resourceById(id).execute();
	}

	@Test
	void recordsAreFoundByTheirStamp() {
		IGenericClient providerA = provider(clinicA);
		IdType patient = (IdType) providerA.create().resource(patient()).execute().getId();
		providerA.create().resource(immunization(patient)).execute();

		Bundle ofA = client().search().forResource(Immunization.class)
				.withTag(RecordOwnership.SYSTEM, clinicA).returnBundle(Bundle.class).execute();
		Bundle ofB = client().search().forResource(Immunization.class)
				.withTag(RecordOwnership.SYSTEM, clinicB).returnBundle(Bundle.class).execute();

		assertThat(ofA.getEntry()).hasSize(1);
		assertThat(ofB.getEntry()).isEmpty();
	}

	@Test
	void transactionsAreStampedAndCheckedEntryByEntry() {
		Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
		Patient patient = patient();
		patient.setId("urn:uuid:" + UUID.randomUUID());
		transaction.addEntry().setFullUrl(patient.getId()).setResource(patient).getRequest()
				.setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
		Immunization immunization = immunization(null);
		immunization.setPatient(new Reference(patient.getId()));
		transaction.addEntry().setResource(immunization).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Immunization");

		Bundle response = provider(clinicA).transaction().withBundle(transaction).execute();

		for (Bundle.BundleEntryComponent entry : response.getEntry()) {
			IdType id = new IdType(entry.getResponse().getLocation()).toUnqualifiedVersionless();
			assertThat(RecordOwnership.recordedBy(client().read().resource(id.getResourceType()).withId(id).execute()))
					.isEqualTo(clinicA);
		}

		immunization.getMeta().addTag(RecordOwnership.SYSTEM, clinicB, null);
		Bundle schoolTransaction = transaction.copy();
		assertThatThrownBy(() -> provider(clinicA).transaction().withBundle(transaction).execute())
				.isInstanceOf(ForbiddenOperationException.class);
		assertThatThrownBy(() -> client(TestTokens.as("school").organization("Organization/s").scopes("user/*.cruds").mint())
						.transaction().withBundle(schoolTransaction).execute())
				.isInstanceOf(ForbiddenOperationException.class);
	}

	@Test
	void theRegistryAdminMayMigrateARecordWithItsOriginalStamp() {
		IdType patient = (IdType) provider(clinicA).create().resource(patient()).execute().getId();
		Immunization migrated = immunization(patient);
		migrated.getMeta().addTag(RecordOwnership.SYSTEM, clinicB, null);

		Immunization stored = (Immunization) client().create().resource(migrated).execute().getResource();

		assertThat(RecordOwnership.recordedBy(stored)).isEqualTo(clinicB);
	}

	private IGenericClient provider(String organization) {
		return client(TestTokens.as("provider").organization("Organization/" + organization).scopes("system/*.cruds").mint());
	}

	private static Patient patient() {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(RegistryRecords.MRN_SYSTEM).setValue(UUID.randomUUID().toString());
		patient.addName().setFamily("Owner").addGiven("Test");
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2018-03-04"));
		patient.setGender(Enumerations.AdministrativeGender.FEMALE);
		return patient;
	}

	private static Immunization immunization(IdType patient) {
		Immunization immunization = new Immunization();
		immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
		immunization.getVaccineCode().addCoding(new Coding("http://hl7.org/fhir/sid/cvx", "03", null));
		if (patient != null) {
			immunization.setPatient(new Reference(patient.toUnqualifiedVersionless()));
		}
		immunization.setOccurrence(new DateTimeType("2021-02-03"));
		immunization.setPrimarySource(true);
		immunization.setLotNumber("MM0203");
		return immunization;
	}
}
