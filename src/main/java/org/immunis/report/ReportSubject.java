package org.immunis.report;

import java.util.List;
import java.util.Set;

/**
 * Whom a report is about, before the sharing decision: every patient, the residents of a town, or the members of a
 * roster (a Group the requester may see).
 *
 * @param reference the subject as the report names it ({@code Group/123}), or null
 * @param town the town, or null
 * @param members the roster's active members, or null when the subject is no roster
 */
record ReportSubject(String reference, String town, List<String> members) {

	static final ReportSubject EVERYONE = new ReportSubject(null, null, null);

	ReportSubject {
		members = members == null ? null : List.copyOf(members);
	}

	boolean isRoster() {
		return members != null;
	}

	Set<String> memberSet() {
		return members == null ? Set.of() : Set.copyOf(members);
	}
}
