package org.immunis.forecast.fhir;

import java.time.LocalDate;
import java.util.List;
import org.immunis.forecast.AdministeredDose;
import org.immunis.forecast.PatientFacts;

/**
 * What the engine assesses, read from FHIR: the patient, the doses (each dose's id is the reference of the
 * Immunization it came from, "Immunization/123") and the assessment date.
 */
record ForecastInput(String patientReference, PatientFacts patient, List<AdministeredDose> doses, LocalDate assessmentDate) {

	ForecastInput {
		doses = List.copyOf(doses);
	}
}
