package org.immunis.report;

import org.immunis.forecast.Forecast;

/**
 * How one patient stands against one requirement.
 *
 * @param requirement the requirement
 * @param status met, immune, contraindicated (excluded from the denominator) or missing
 * @param validDoses the valid doses that count
 * @param forecast when the next dose is due (CDSi), for a missing requirement; may be null
 */
public record RequirementOutcome(Requirement requirement, Status status, int validDoses, Forecast forecast) {

	public enum Status { MET, IMMUNE, CONTRAINDICATED, MISSING }

	boolean counts() {
		return status == Status.MET || status == Status.IMMUNE;
	}
}
