package org.immunis.consent;

import java.util.Set;
import org.immunis.identity.Role;

/**
 * Who looks, as far as the sharing decision cares: the role, the organization acted for and the patients acted for.
 *
 * @param role the requester's role
 * @param organizationId the logical id of the organization acted for, or null
 * @param patients the logical ids of the patients acted for (a patient or guardian)
 */
public record Viewer(Role role, String organizationId, Set<String> patients) {

	public Viewer {
		patients = patients == null ? Set.of() : Set.copyOf(patients);
	}

	boolean actsFor(String patientId) {
		return patientId != null && patients.contains(patientId);
	}

	boolean isOrganization(String id) {
		return organizationId != null && organizationId.equals(id);
	}
}
