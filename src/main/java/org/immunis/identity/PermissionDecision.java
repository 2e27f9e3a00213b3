package org.immunis.identity;

/**
 * The answer to one access: allowed, denied with the reason, or undecided until the facts of the record are known.
 * Reasons never depend on whether a record exists.
 */
public record PermissionDecision(Verdict verdict, String reason) {

	public enum Verdict {
		ALLOW,
		DENY,
		/** Allowed or not depending on the record's patient or recording organization: ask again with its facts. */
		NEEDS_RECORD
	}

	static PermissionDecision allow() {
		return new PermissionDecision(Verdict.ALLOW, "allowed");
	}

	static PermissionDecision deny(String reason) {
		return new PermissionDecision(Verdict.DENY, reason);
	}

	static PermissionDecision needsRecord() {
		return new PermissionDecision(Verdict.NEEDS_RECORD, "depends on the record");
	}

	public boolean allowed() {
		return verdict == Verdict.ALLOW;
	}

	public boolean denied() {
		return verdict == Verdict.DENY;
	}
}
