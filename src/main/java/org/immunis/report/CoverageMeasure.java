package org.immunis.report;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A coverage measure: who is counted (the initial population, by age) and what they need (every requirement met).
 *
 * @param id the id of its Measure resource in the implementation guide
 * @param title its title
 * @param minimumAge the youngest counted, at the end of the period (inclusive)
 * @param maximumAge the age no longer counted, at the end of the period (exclusive); null for no limit
 * @param assessedAtAge if set, the population are the patients who reach this age within the period, each assessed on
 *     that birthday (children "by their second birthday"); otherwise everyone is assessed at the end of the period
 * @param rosterIsPopulation with a roster (a Group) as subject, its members are the population whatever their age
 *     (a school's roster of one grade)
 * @param requirements what each patient needs
 */
public record CoverageMeasure(String id, String title, Period minimumAge, Period maximumAge, Period assessedAtAge,
		boolean rosterIsPopulation, List<Requirement> requirements) {

	public CoverageMeasure {
		requirements = List.copyOf(requirements);
	}

	/** The CDSi vaccine groups its requirements are decided in. */
	Set<String> vaccineGroups() {
		return requirements.stream().map(Requirement::vaccineGroup).collect(Collectors.toUnmodifiableSet());
	}

	/** The date a patient is assessed on, or null when the patient is not in the initial population. */
	LocalDate assessmentDate(LocalDate birthDate, LocalDate periodStart, LocalDate periodEnd, boolean onRoster) {
		if (birthDate.isAfter(periodEnd)) {
			return null;
		}
		if (onRoster && rosterIsPopulation) {
			return periodEnd;
		}
		if (assessedAtAge != null) {
			LocalDate birthday = birthDate.plus(assessedAtAge);
			return birthday.isBefore(periodStart) || birthday.isAfter(periodEnd) ? null : birthday;
		}
		boolean oldEnough = !birthDate.plus(minimumAge).isAfter(periodEnd);
		boolean youngEnough = maximumAge == null || birthDate.plus(maximumAge).isAfter(periodEnd);
		return oldEnough && youngEnough ? periodEnd : null;
	}
}
