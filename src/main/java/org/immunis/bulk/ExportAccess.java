package org.immunis.bulk;

import org.immunis.access.AccessPolicy;
import org.immunis.access.RecordFacts;
import org.immunis.identity.Interaction;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;

/**
 * Who may start a bulk export, and of which types. An export is a search over a population: a requester may export a
 * type it may search without naming a patient (system or user scopes, by its role's rights). Patients and guardians
 * (and patient-context scopes) are refused: they read their own records one patient at a time. What each record shows is
 * decided afterwards, record by record.
 */
final class ExportAccess {

	private ExportAccess() {}

	/** Why this requester may not export at all, or null if it may. */
	static String whyRefused(Requester requester) {
		String unusable = AccessPolicy.whyUnusable(requester);
		if (unusable != null) {
			return unusable;
		}
		if (requester.role() == Role.PATIENT) {
			return "bulk export is for organizations and the registry; a patient or guardian reads their own records";
		}
		return null;
	}

	/** Whether the requester may export this type: search it across patients, not only for patients it acts for. */
	static boolean mayExport(Requester requester, String type) {
		return whyRefused(requester) == null
				&& AccessPolicy.decide(requester, Interaction.SEARCH, RecordFacts.ofType(type), null).allowed();
	}
}
