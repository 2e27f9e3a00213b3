package org.immunis.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class PatientRulesTest {

	private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
	private final PatientRules rules = new PatientRules();

	private static Patient complete() {
		Patient patient = new Patient();
		patient.addName().setFamily("Rivera").addGiven("Ana");
		patient.setBirthDateElement(new DateType("2019-03-04"));
		patient.setGender(AdministrativeGender.FEMALE);
		return patient;
	}

	@Test
	void aCompletePatientHasNoProblem() {
		assertThat(rules.check(complete(), NOW)).isEmpty();
	}

	@Test
	void aGivenNameAloneIsEnough() {
		Patient patient = complete();
		patient.getNameFirstRep().setFamily(null);
		assertThat(rules.check(patient, NOW)).isEmpty();
	}

	@Test
	void aNameWithOnlyTextIsNotEnough() {
		Patient patient = complete();
		patient.getName().clear();
		patient.addName().setText("Baby girl");
		assertThat(rules.check(patient, NOW)).extracting(RecordProblem::path).containsExactly("Patient.name");
	}

	@Test
	void birthDateIsRequiredAndNotInTheFuture() {
		Patient patient = complete();
		patient.setBirthDate(null);
		assertThat(rules.check(patient, NOW)).extracting(RecordProblem::path).containsExactly("Patient.birthDate");

		patient.setBirthDateElement(new DateType("2026-07-01"));
		assertThat(rules.check(patient, NOW))
				.singleElement()
				.satisfies(problem -> assertThat(problem.message()).contains("in the future"));
	}

	@Test
	void genderIsRequired() {
		Patient patient = complete();
		patient.setGender(null);
		assertThat(rules.check(patient, NOW)).extracting(RecordProblem::path).containsExactly("Patient.gender");
	}

	@Test
	void anEmptyPatientGetsEveryProblem() {
		assertThat(rules.check(new Patient(), NOW))
				.extracting(RecordProblem::path)
				.containsExactly("Patient.name", "Patient.birthDate", "Patient.gender");
	}
}
