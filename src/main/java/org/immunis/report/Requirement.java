package org.immunis.report;

import java.util.Set;

/**
 * One vaccine a measure asks for: so many valid doses of a CDSi vaccine group (or of one of its antigens), optionally
 * only of some vaccines (CVX) or only this season.
 *
 * @param label what people call it ("DTaP", "Tdap", "MMR")
 * @param vaccineGroup the CDSi vaccine group the doses are evaluated in ("DTaP/Tdap/Td")
 * @param antigen the CDSi antigen whose series decides ("Measles"), or null for the whole group
 * @param doses the valid doses needed
 * @param cvx only doses of these vaccines count (Tdap: 115); empty for any vaccine of the group
 * @param thisSeason only doses of the current influenza season (from July 1) count
 * @param source where the requirement comes from
 */
public record Requirement(String label, String vaccineGroup, String antigen, int doses, Set<String> cvx,
		boolean thisSeason, String source) {

	public Requirement {
		cvx = cvx == null ? Set.of() : Set.copyOf(cvx);
	}

	static Requirement of(String label, String vaccineGroup, int doses, String source) {
		return new Requirement(label, vaccineGroup, null, doses, Set.of(), false, source);
	}
}
