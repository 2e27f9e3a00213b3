package org.immunis.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.immunis.forecast.AdministeredDose;

/**
 * What a report knows of one patient the requester may see: only records the requester may see went into it.
 *
 * @param id the Patient's logical id
 * @param birthDate the birth date
 * @param sex the administrative gender as FHIR codes it ("female", "male", "other", "unknown")
 * @param town the town of the current address (not an old one), or null
 * @param doses the doses given (completed Immunizations)
 * @param immuneTo antigens a provider recorded evidence of immunity for (an Immunization not done, reason IMMUNE)
 * @param contraindicated antigens a provider recorded a medical precaution for (not done, reason MEDPREC)
 */
public record ReportedPatient(String id, LocalDate birthDate, String sex, String town, List<AdministeredDose> doses,
		Set<String> immuneTo, Set<String> contraindicated) {

	public ReportedPatient {
		doses = List.copyOf(doses);
		immuneTo = Set.copyOf(immuneTo);
		contraindicated = Set.copyOf(contraindicated);
	}
}
