package org.immunis.consent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Group;
import org.immunis.records.RecordTypes;

/**
 * A school's roster: an actual Group of persons, whose active members are the children on it. The sharing decision,
 * the reports and the bulk export read the members the same way.
 */
public final class Roster {

	private Roster() {}

	/** Whether the Group is a roster of patients (actual, type person). */
	public static boolean isRoster(Group group) {
		return group.getActual() && group.getType() == Group.GroupType.PERSON;
	}

	/** The logical ids of the patients on the roster (active members), each once, in their order. */
	public static List<String> activeMembers(Group group) {
		Set<String> members = new LinkedHashSet<>();
		for (Group.GroupMemberComponent member : group.getMember()) {
			String patient = RecordTypes.patientId(member.getEntity());
			if (patient != null && !member.getInactive()) {
				members.add(patient);
			}
		}
		return List.copyOf(members);
	}
}
