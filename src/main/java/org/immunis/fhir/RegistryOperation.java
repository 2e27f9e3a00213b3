package org.immunis.fhir;

import org.immunis.identity.Interaction;

/**
 * One operation the server offers.
 *
 * @param name the operation, with its {@code $}
 * @param decision how its answer is decided for a requester
 * @param resourceType the type whose access rights a decided operation needs (the type it is called on, or the type
 *                     it reads when called at system level); null for the admin's
 * @param interaction what a decided operation does with that type, checked against the role table and the scopes
 */
public record RegistryOperation(String name, OperationDecision decision, String resourceType, Interaction interaction) {

	public RegistryOperation {
		if (!name.startsWith("$")) {
			throw new IllegalArgumentException("an operation's name starts with $: " + name);
		}
		if (decision == OperationDecision.DECIDED_RECORD_BY_RECORD && (resourceType == null || interaction == null)) {
			throw new IllegalArgumentException("a decided operation names the access it needs: " + name);
		}
	}

	static RegistryOperation adminOnly(String name) {
		return new RegistryOperation(name, OperationDecision.ADMIN_ONLY, null, null);
	}
}
