package org.immunis.forecast.fhir;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.Gender;
import org.immunis.forecast.PatientFacts;
import org.immunis.forecast.schedule.ObservationDefinition;

/**
 * Turns the FHIR input of {@code $immds-forecast} into the engine's: the Patient's birth date and gender, each
 * completed Immunization given on or before the assessment date as a dose (CVX, MVX from the manufacturer's MVX
 * identifier, lot expiration date, sub-potent flag), and the patient's Conditions and Observations as CDSi
 * observation codes. Refuses (422) what the engine cannot assess, naming the element.
 */
final class ForecastInputReader {

	private static final String PHIN_VADS_OID = "2.16.840.1.114222";
	private static final String CDSI_KEY = "CDSI|";

	private final Predicate<String> knownCvx;
	private final Map<String, String> observationCodes = new HashMap<>();

	ForecastInputReader(Predicate<String> knownCvx, List<ObservationDefinition> observations) {
		this.knownCvx = knownCvx;
		for (ObservationDefinition observation : observations) {
			observationCodes.put(CDSI_KEY + observation.code(), observation.code());
			for (ObservationDefinition.CodedValue value : observation.codedValues()) {
				observationCodes.putIfAbsent(value.codeSystem() + "|" + value.code(), observation.code());
			}
		}
	}

	ForecastInput read(Patient patient, List<Immunization> immunizations, List<Condition> conditions,
			List<Observation> observations, LocalDate assessmentDate) {
		if (patient.getBirthDate() == null) {
			throw new UnprocessableEntityException("Patient.birthDate: the forecast needs the patient's birth date");
		}
		LocalDate birthDate = LocalDate.parse(patient.getBirthDateElement().getValueAsString().substring(0, 10));
		if (assessmentDate.isBefore(birthDate)) {
			throw new UnprocessableEntityException("assessmentDate: " + assessmentDate + " is before the patient's birth date");
		}
		Map<String, LocalDate> observed = observed(conditions, observations);
		PatientFacts facts = new PatientFacts(birthDate, gender(patient), observed.keySet(), withDates(observed));
		List<AdministeredDose> doses = new ArrayList<>();
		for (int i = 0; i < immunizations.size(); i++) {
			AdministeredDose dose = dose(immunizations.get(i), i);
			if (dose != null && !dose.dateAdministered().isAfter(assessmentDate)) {
				doses.add(dose);
			}
		}
		return new ForecastInput(reference(patient), facts, doses, assessmentDate);
	}

	/** The dose an Immunization records, or null when it records none (not done, entered in error). */
	AdministeredDose dose(Immunization immunization, int index) {
		if (immunization.getStatus() != Immunization.ImmunizationStatus.COMPLETED) {
			return null;
		}
		String element = "immunization[" + index + "]";
		if (!immunization.hasOccurrenceDateTimeType() || immunization.getOccurrenceDateTimeType().getValueAsString() == null) {
			throw new UnprocessableEntityException(element + " Immunization.occurrence: the date given is required");
		}
		LocalDate date = LocalDate.parse(immunization.getOccurrenceDateTimeType().getValueAsString().substring(0, 10));
		String cvx = immunization.getVaccineCode().getCoding().stream()
				.filter(coding -> ForecastCodes.CVX.equals(coding.getSystem()))
				.map(Coding::getCode)
				.findFirst()
				.orElseThrow(() -> new UnprocessableEntityException(
						element + " Immunization.vaccineCode: a CVX code (" + ForecastCodes.CVX + ") is required"));
		if (!knownCvx.test(cvx)) {
			throw new UnprocessableEntityException(element + " Immunization.vaccineCode: unknown CVX code '" + cvx + "'");
		}
		String mvx = immunization.getManufacturer().getIdentifier().getSystem() != null
				&& immunization.getManufacturer().getIdentifier().getSystem().equals(ForecastCodes.MVX)
				? immunization.getManufacturer().getIdentifier().getValue() : null;
		LocalDate expiration = immunization.hasExpirationDate()
				? LocalDate.parse(immunization.getExpirationDateElement().getValueAsString().substring(0, 10)) : null;
		return new AdministeredDose(reference(immunization, index), date, cvx, mvx, expiration, immunization.getIsSubpotent());
	}

	/**
	 * The CDSi observation codes the conditions and observations carry, each with its date (a Condition's onset, an
	 * Observation's effective date; the latest when several give one), or null when none gives one.
	 */
	private Map<String, LocalDate> observed(List<Condition> conditions, List<Observation> observations) {
		Map<String, LocalDate> observed = new LinkedHashMap<>();
		for (Condition condition : conditions) {
			if (isCurrent(condition)) {
				LocalDate onset = condition.hasOnsetDateTimeType() ? day(condition.getOnsetDateTimeType()) : null;
				addCodes(condition.getCode(), onset, observed);
			}
		}
		for (Observation observation : observations) {
			if (observation.getStatus() != Observation.ObservationStatus.ENTEREDINERROR) {
				LocalDate effective = observation.hasEffectiveDateTimeType()
						? day(observation.getEffectiveDateTimeType()) : null;
				addCodes(observation.getCode(), effective, observed);
				if (observation.hasValueCodeableConcept()) {
					addCodes(observation.getValueCodeableConcept(), effective, observed);
				}
			}
		}
		return observed;
	}

	private static Map<String, LocalDate> withDates(Map<String, LocalDate> observed) {
		Map<String, LocalDate> dates = new HashMap<>();
		observed.forEach((code, date) -> {
			if (date != null) {
				dates.put(code, date);
			}
		});
		return dates;
	}

	private static LocalDate day(DateTimeType dateTime) {
		return dateTime.getValueAsString() == null ? null : LocalDate.parse(dateTime.getValueAsString().substring(0, 10));
	}

	private static boolean isCurrent(Condition condition) {
		if (!condition.hasClinicalStatus()) {
			return true;
		}
		return condition.getClinicalStatus().getCoding().stream()
				.anyMatch(coding -> Set.of("active", "recurrence", "relapse").contains(coding.getCode()));
	}

	private void addCodes(CodeableConcept concept, LocalDate date, Map<String, LocalDate> observed) {
		for (Coding coding : concept.getCoding()) {
			String system = systemKey(coding.getSystem());
			String code = system == null ? null : observationCodes.get(system + "|" + coding.getCode());
			if (code != null) {
				LocalDate known = observed.get(code);
				observed.put(code, known == null || date != null && date.isAfter(known) ? date : known);
			}
		}
	}

	private static String systemKey(String system) {
		if (system == null) {
			return null;
		}
		if (system.equals(ForecastCodes.SNOMED)) {
			return "SNOMED";
		}
		if (system.equals(ForecastCodes.CDSI_OBSERVATION)) {
			return "CDSI";
		}
		if (system.contains(PHIN_VADS_OID) || system.toLowerCase().contains("phinvs")) {
			return "CDCPHINVS";
		}
		return null;
	}

	private static Gender gender(Patient patient) {
		if (patient.getGender() == null) {
			return Gender.UNKNOWN;
		}
		switch (patient.getGender()) {
			case FEMALE: return Gender.FEMALE;
			case MALE: return Gender.MALE;
			default: return Gender.UNKNOWN;
		}
	}

	static String reference(Patient patient) {
		return patient.getIdElement().hasIdPart() ? "Patient/" + patient.getIdElement().getIdPart() : null;
	}

	/** "Immunization/[id]", or for an Immunization sent without id its position, "immunization[2]". */
	static String reference(Immunization immunization, int index) {
		return immunization.getIdElement().hasIdPart()
				? "Immunization/" + immunization.getIdElement().getIdPart()
				: "immunization[" + index + "]";
	}

	static boolean isReference(String doseId) {
		return doseId.startsWith("Immunization/");
	}
}
