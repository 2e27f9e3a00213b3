package org.immunis.certificate;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Set;

/**
 * The {@code credentialType} values of a Health Card request. They are a logical AND: a card must be of every type asked
 * for. The registry issues immunization cards: {@code #health-card}, {@code #immunization}, and by the resource types in
 * them, {@code Immunization} and {@code Patient}. Another type of the specification ({@code #laboratory},
 * {@code Observation}, ...) asks for a card the registry does not have; anything else is not a credential type.
 */
final class CredentialTypes {

	static final String VOCABULARY = "https://smarthealth.cards#";
	private static final Set<String> ISSUED = Set.of(VOCABULARY + "health-card", VOCABULARY + "immunization", "Immunization", "Patient");
	private static final Set<String> KNOWN_NOT_ISSUED = Set.of(VOCABULARY + "laboratory", VOCABULARY + "covid19");

	private final Set<String> resourceTypes;

	CredentialTypes(Set<String> resourceTypes) {
		this.resourceTypes = Set.copyOf(resourceTypes);
	}

	/** Whether a card of all these types can be issued; refuses (400) a request without one, or with an unknown one. */
	boolean issuable(List<String> requested) {
		if (requested.isEmpty()) {
			throw new InvalidRequestException("Parameter 'credentialType' is required, e.g. " + VOCABULARY + "immunization");
		}
		boolean issuable = true;
		for (String type : requested) {
			if (!ISSUED.contains(type) && !KNOWN_NOT_ISSUED.contains(type) && !resourceTypes.contains(type)) {
				throw new InvalidRequestException("Unknown credentialType '" + type + "': use " + VOCABULARY
						+ "health-card, " + VOCABULARY + "immunization or a FHIR resource type such as Immunization");
			}
			issuable &= ISSUED.contains(type);
		}
		return issuable;
	}
}
