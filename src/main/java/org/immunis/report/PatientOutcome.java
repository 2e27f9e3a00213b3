package org.immunis.report;

import java.time.LocalDate;
import java.util.List;

/**
 * A patient of a measure's initial population and how they stand against each requirement on their assessment date.
 */
public record PatientOutcome(ReportedPatient patient, LocalDate assessmentDate, List<RequirementOutcome> requirements) {

	public PatientOutcome {
		requirements = List.copyOf(requirements);
	}

	/** Excluded from the denominator: a requirement cannot be met because of a contraindication. */
	boolean excluded() {
		return requirements.stream().anyMatch(outcome -> outcome.status() == RequirementOutcome.Status.CONTRAINDICATED);
	}

	boolean meetsAll() {
		return !excluded() && requirements.stream().allMatch(RequirementOutcome::counts);
	}

	List<RequirementOutcome> missing() {
		return requirements.stream().filter(outcome -> outcome.status() == RequirementOutcome.Status.MISSING).toList();
	}
}
