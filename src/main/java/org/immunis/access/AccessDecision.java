package org.immunis.access;

/**
 * The answer of the {@link AccessPolicy}: allowed, denied, or undecided until the facts of the record are known; with
 * the rule it applied and the reason told to the requester. Reasons never depend on whether a record exists.
 */
public record AccessDecision(Verdict verdict, AccessPolicy.Rule rule, String reason) {

	public enum Verdict {
		ALLOW,
		DENY,
		/** Allowed or not depending on the record's patient or recording organization: ask again with its facts. */
		NEEDS_RECORD
	}

	static AccessDecision allow(AccessPolicy.Rule rule) {
		return new AccessDecision(Verdict.ALLOW, rule, rule.description());
	}

	static AccessDecision deny(AccessPolicy.Rule rule) {
		return deny(rule, rule.description());
	}

	static AccessDecision deny(AccessPolicy.Rule rule, String reason) {
		return new AccessDecision(Verdict.DENY, rule, reason);
	}

	static AccessDecision needsRecord() {
		return new AccessDecision(Verdict.NEEDS_RECORD, AccessPolicy.Rule.DEPENDS_ON_THE_RECORD,
				AccessPolicy.Rule.DEPENDS_ON_THE_RECORD.description());
	}

	public boolean allowed() {
		return verdict == Verdict.ALLOW;
	}

	public boolean denied() {
		return verdict == Verdict.DENY;
	}
}
