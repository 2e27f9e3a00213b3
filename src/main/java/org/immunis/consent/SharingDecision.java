package org.immunis.consent;

/** Whether a record may be disclosed to a viewer, and why: a hidden record is treated as if it did not exist. */
public record SharingDecision(boolean visible, String reason) {

	static SharingDecision visible(String reason) {
		return new SharingDecision(true, reason);
	}

	static SharingDecision hidden(String reason) {
		return new SharingDecision(false, reason);
	}
}
