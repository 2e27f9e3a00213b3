package org.immunis.identity;

/**
 * What a requester wants to do with records of one resource type, in the terms of SMART v2 scopes: declared in their
 * order c, r, u, d, s.
 */
public enum Interaction {
	CREATE,
	READ,
	UPDATE,
	DELETE,
	SEARCH;

	public boolean isRead() {
		return this == READ || this == SEARCH;
	}
}
