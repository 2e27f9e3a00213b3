package org.immunis.certificate;

import java.util.Set;

/** The names of the proof-of-vaccination operations on {@code Patient/[id]}. */
final class ProofOperations {

	static final String HEALTH_CARDS_ISSUE = "$health-cards-issue";
	static final String PRINTABLE_RECORD = "$printable-record";
	static final Set<String> ALL = Set.of(HEALTH_CARDS_ISSUE, PRINTABLE_RECORD);

	private ProofOperations() {}
}
