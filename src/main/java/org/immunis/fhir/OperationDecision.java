package org.immunis.fhir;

/** How the answer of an operation is decided for a requester. */
public enum OperationDecision {
	/**
	 * The operation reads only records the requester may see, through the sharing decision, and its output (records,
	 * messages and issue texts) passes the same decision and redaction as a read: open to every role its interaction
	 * allows.
	 */
	DECIDED_RECORD_BY_RECORD,
	/** Maintenance of the registry: the registry admin's alone. */
	ADMIN_ONLY
}
