package org.immunis.identity;

import java.util.Arrays;
import java.util.Optional;

/** The part a requester plays towards the registry; the value of the role claim is {@link #claimValue()}. */
public enum Role {
	PROVIDER("provider"),
	SCHOOL("school"),
	BOARD_OF_HEALTH("board-of-health"),
	/** A state public health program, such as WIC. */
	PUBLIC_HEALTH_PROGRAM("public-health-program"),
	RESEARCHER("researcher"),
	REGISTRY_ADMIN("registry-admin"),
	/** A patient, or a guardian acting for dependents. */
	PATIENT("patient");

	private final String claimValue;

	Role(String claimValue) {
		this.claimValue = claimValue;
	}

	public String claimValue() {
		return claimValue;
	}

	/** Whether requesters in this role always act for an organization (a provider, school, board or program). */
	public boolean actsForOrganization() {
		return this == PROVIDER || this == SCHOOL || this == BOARD_OF_HEALTH || this == PUBLIC_HEALTH_PROGRAM;
	}

	public static Optional<Role> fromClaim(String value) {
		return Arrays.stream(values()).filter(role -> role.claimValue.equals(value)).findFirst();
	}
}
