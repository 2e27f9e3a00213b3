package org.immunis.identity;

import java.util.Map;
import java.util.Optional;

/** The resource types that hold a patient's data, and the search parameter that names the patient in each. */
public final class PatientCompartment {

	private static final Map<String, String> PATIENT_PARAMETER = Map.of(
			"Patient", "_id",
			"Immunization", "patient",
			"ImmunizationRecommendation", "patient",
			"ImmunizationEvaluation", "patient",
			"Consent", "patient",
			"RelatedPerson", "patient",
			// the AuditEvents about a patient (entity.what), read by the patient as an accounting of disclosures
			"AuditEvent", "patient");

	private PatientCompartment() {}

	public static boolean contains(String resourceType) {
		return PATIENT_PARAMETER.containsKey(resourceType);
	}

	/** The search parameter that restricts a search of this type to given patients. */
	public static Optional<String> patientParameter(String resourceType) {
		return Optional.ofNullable(PATIENT_PARAMETER.get(resourceType));
	}
}
