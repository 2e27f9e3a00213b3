package org.immunis.certificate;

import java.util.List;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;

/**
 * What a proof of vaccination is made of: the patient, the doses given (completed Immunizations) that the requester may
 * see, oldest first, and whether the registry holds doses the requester may not see.
 */
record VaccinationRecord(Patient patient, List<Immunization> immunizations, boolean mayBeIncomplete) {

	VaccinationRecord {
		immunizations = List.copyOf(immunizations);
	}
}
