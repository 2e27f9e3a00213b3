package org.immunis.forecast.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Gender;
import org.immunis.forecast.schedule.ObservationDefinition;
import org.immunis.forecast.schedule.ObservationDefinition.CodedValue;
import org.junit.jupiter.api.Test;

class ForecastInputReaderTest {

	private static final LocalDate ASSESSMENT = LocalDate.of(2024, 6, 1);

	private final ForecastInputReader reader = new ForecastInputReader(Set.of("08", "20", "03")::contains, List.of(
			new ObservationDefinition("003", "Immunocompromised", List.of(
					new CodedValue("370388006", "SNOMED", "Patient Immunocompromised"),
					new CodedValue("VXC27", "CDCPHINVS", "Immunodeficiency due to any cause"))),
			new ObservationDefinition("055", "Health care personnel", List.of())));

	static Patient patient(String birthDate) {
		Patient patient = new Patient();
		patient.setId("p1");
		patient.setBirthDateElement(new DateType(birthDate));
		patient.setGender(AdministrativeGender.MALE);
		return patient;
	}

	static Immunization immunization(String id, String cvx, String date) {
		Immunization immunization = new Immunization();
		immunization.setId(id);
		immunization.setStatus(Immunization.ImmunizationStatus.COMPLETED);
		immunization.getVaccineCode().addCoding(new Coding(ForecastCodes.CVX, cvx, null));
		immunization.setOccurrence(new DateTimeType(date));
		return immunization;
	}

	@Test
	void readsThePatientAndEachDoseWithWhatCanMakeItSubStandard() {
		Immunization hepB = immunization("i1", "08", "2023-01-01T10:30:00-05:00");
		hepB.getManufacturer().getIdentifier().setSystem(ForecastCodes.MVX).setValue("MSD");
		hepB.setExpirationDateElement(new DateType("2022-12-01"));
		hepB.setIsSubpotent(true);

		ForecastInput input = reader.read(patient("2023-01-01"), List.of(hepB), List.of(), List.of(), ASSESSMENT);

		assertThat(input.patientReference()).isEqualTo("Patient/p1");
		assertThat(input.patient().birthDate()).isEqualTo(LocalDate.of(2023, 1, 1));
		assertThat(input.patient().gender()).isEqualTo(Gender.MALE);
		assertThat(input.assessmentDate()).isEqualTo(ASSESSMENT);
		assertThat(input.doses()).containsExactly(new AdministeredDose("Immunization/i1", LocalDate.of(2023, 1, 1), "08", "MSD",
				LocalDate.of(2022, 12, 1), true));
	}

	@Test
	void leavesOutImmunizationsNotGivenAndDosesAfterTheAssessmentDate() {
		Immunization notDone = immunization("i2", "20", "2023-03-01").setStatus(Immunization.ImmunizationStatus.NOTDONE);
		Immunization inError = immunization("i3", "20", "2023-03-01").setStatus(Immunization.ImmunizationStatus.ENTEREDINERROR);
		Immunization later = immunization("i4", "20", "2024-06-02");
		Immunization noId = immunization(null, "20", "2023-03-01");

		ForecastInput input = reader.read(patient("2023-01-01"), List.of(notDone, inError, later, noId), List.of(), List.of(),
				ASSESSMENT);

		assertThat(input.doses()).extracting(AdministeredDose::id).containsExactly("immunization[3]");
	}

	@Test
	void turnsCurrentConditionsAndObservationsIntoCdsiObservationCodes() {
		Condition immunocompromised = new Condition();
		immunocompromised.getCode().addCoding(new Coding(ForecastCodes.SNOMED, "370388006", null));
		Condition resolved = new Condition();
		resolved.getCode().addCoding(new Coding(ForecastCodes.CDSI_OBSERVATION, "999", null));
		resolved.setClinicalStatus(new CodeableConcept(new Coding(
				"http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", null)));
		Observation personnel = new Observation();
		personnel.getCode().addCoding(new Coding(ForecastCodes.CDSI_OBSERVATION, "055", null));
		Observation unknown = new Observation();
		unknown.getCode().addCoding(new Coding("http://example.org", "x", null));

		ForecastInput input = reader.read(patient("1990-05-05"), List.of(), List.of(immunocompromised, resolved),
				List.of(personnel, unknown), ASSESSMENT);

		assertThat(input.patient().observationCodes()).containsExactlyInAnyOrder("003", "055");
	}

	@Test
	void refusesWhatTheEngineCannotAssess() {
		assertThatThrownBy(() -> reader.read(new Patient(), List.of(), List.of(), List.of(), ASSESSMENT))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("Patient.birthDate");
		assertThatThrownBy(() -> reader.read(patient("2023-01-01"), List.of(immunization("i", "777", "2023-02-01")),
				List.of(), List.of(), ASSESSMENT))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("unknown CVX code '777'");
		Immunization noCvx = immunization("i", "08", "2023-02-01");
		noCvx.getVaccineCode().getCodingFirstRep().setSystem("http://example.org/vaccines");
		assertThatThrownBy(() -> reader.read(patient("2023-01-01"), List.of(noCvx), List.of(), List.of(), ASSESSMENT))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("immunization[0] Immunization.vaccineCode");
		assertThatThrownBy(() -> reader.read(patient("2023-01-01"), List.of(), List.of(), List.of(), LocalDate.of(2022, 1, 1)))
				.isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("before the patient's birth date");
	}
}
