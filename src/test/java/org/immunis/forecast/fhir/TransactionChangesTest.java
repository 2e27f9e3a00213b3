package org.immunis.forecast.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.ListMultimap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class TransactionChangesTest {

	private final ListMultimap<Pointcut, HookParams> broadcasts = ArrayListMultimap.create();

	private void created(IBaseResource resource) {
		broadcasts.put(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, new HookParams().add(IBaseResource.class, resource));
	}

	private void updated(IBaseResource before, IBaseResource after) {
		broadcasts.put(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED,
				new HookParams().add(IBaseResource.class, before).add(IBaseResource.class, after));
	}

	private static Immunization dose(String id, String patient) {
		Immunization immunization = new Immunization().setPatient(new Reference(patient));
		immunization.setId("Immunization/" + id + "/_history/1");
		return immunization;
	}

	private static Patient patient(String id) {
		Patient patient = new Patient();
		patient.setId("Patient/" + id + "/_history/1");
		return patient;
	}

	@Test
	void findsAPatientOnlyIfTheTransactionCreatedIt() {
		created(patient("new"));
		updated(patient("old"), patient("old"));

		TransactionChanges changes = TransactionChanges.of(broadcasts);

		assertThat(changes.createdPatient("new")).isNotNull();
		assertThat(changes.createdPatient("old")).isNull();
		assertThat(changes.createdPatient("absent")).isNull();
	}

	@Test
	void listsThePatientsDosesCreatedOrUpdatedAsTheyAreNow() {
		Immunization createdDose = dose("a", "Patient/p");
		Immunization updatedDose = dose("b", "Patient/p");
		created(patient("p"));
		created(createdDose);
		created(dose("c", "Patient/q"));
		updated(dose("b", "Patient/q"), updatedDose);

		TransactionChanges changes = TransactionChanges.of(broadcasts);

		assertThat(changes.immunizationsOf("Patient/p")).containsExactly(createdDose, updatedDose);
		assertThat(changes.immunizationsOf("Patient/q")).extracting(dose -> dose.getIdElement().getIdPart())
				.containsExactly("c");
		assertThat(changes.immunizationsOf("Patient/r")).isEmpty();
	}
}
