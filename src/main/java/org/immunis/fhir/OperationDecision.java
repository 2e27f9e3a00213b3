package org.immunis.fhir;

/** How the answer of an operation is decided for a requester. */
public enum OperationDecision {
	/**
	 * The operation reads only records the requester may see, through the sharing decision, and its output (records,
	 * messages and issue texts) passes the same decision and redaction as a read: open to every role its interaction
	 * allows.
	 */
	DECIDED_RECORD_BY_RECORD,
	/**
	 * {@code $validate}: needs the right of the interaction it validates (its mode: create, update, or delete of the
	 * named record), never changes data, and its issues pass the outgoing view like any answer.
	 */
	AS_THE_VALIDATED_INTERACTION,
	/** Maintenance of the registry: the registry admin's alone. */
	ADMIN_ONLY
}
