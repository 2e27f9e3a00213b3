package org.immunis.identity;

/** What a requester wants to do with records of one resource type, in the terms of SMART v2 scopes (c, r, u, d, s). */
public enum Interaction {
	CREATE('c'),
	READ('r'),
	UPDATE('u'),
	DELETE('d'),
	SEARCH('s');

	private final char letter;

	Interaction(char letter) {
		this.letter = letter;
	}

	/** The letter of this interaction in a SMART v2 scope suffix. */
	public char letter() {
		return letter;
	}

	public boolean isRead() {
		return this == READ || this == SEARCH;
	}
}
