package org.immunis.certificate;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;

/** A vaccination record in the CDSi engine's terms. */
final class DoseHistory {

	private DoseHistory() {}

	static PatientFacts patient(Patient patient) {
		Gender gender = switch (patient.getGender() == null ? Enumerations.AdministrativeGender.UNKNOWN : patient.getGender()) {
			case FEMALE -> Gender.FEMALE;
			case MALE -> Gender.MALE;
			default -> Gender.UNKNOWN;
		};
		return new PatientFacts(LocalDate.parse(patient.getBirthDateElement().getValueAsString().substring(0, 10)), gender);
	}

	/** Each dose with a CVX code, under the id {@code Immunization/123}. */
	static List<AdministeredDose> doses(List<Immunization> immunizations) {
		return immunizations.stream()
				.filter(immunization -> cvx(immunization) != null)
				.map(immunization -> new AdministeredDose("Immunization/" + immunization.getIdElement().getIdPart(),
						date(immunization), cvx(immunization), mvx(immunization), expiration(immunization),
						immunization.getIsSubpotent()))
				.toList();
	}

	static LocalDate date(Immunization immunization) {
		return LocalDate.parse(immunization.getOccurrenceDateTimeType().getValueAsString().substring(0, 10));
	}

	static String cvx(Immunization immunization) {
		return immunization.getVaccineCode().getCoding().stream()
				.filter(coding -> HealthCardBundle.CVX.equals(coding.getSystem()) && coding.hasCode())
				.map(coding -> coding.getCode())
				.findFirst()
				.orElse(null);
	}

	private static String mvx(Immunization immunization) {
		return "http://hl7.org/fhir/sid/mvx".equals(immunization.getManufacturer().getIdentifier().getSystem())
				? immunization.getManufacturer().getIdentifier().getValue() : null;
	}

	private static LocalDate expiration(Immunization immunization) {
		return immunization.hasExpirationDate()
				? LocalDate.parse(immunization.getExpirationDateElement().getValueAsString().substring(0, 10)) : null;
	}
}
