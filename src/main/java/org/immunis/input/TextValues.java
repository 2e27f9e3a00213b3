package org.immunis.input;

import java.util.Optional;

/**
 * What a text value of a record may hold: FHIR strings are Unicode text of at most a configured length, without
 * control characters other than tab, line feed and carriage return (FHIR's rule; PostgreSQL cannot store NUL), and
 * without a lone surrogate (half of a character, which has no UTF-8 form).
 */
final class TextValues {

	private TextValues() {}

	/** Why this value is refused, or empty when it is acceptable. */
	static Optional<String> problem(String value, int maxLength) {
		if (value.length() > maxLength) {
			return Optional.of("is longer than " + maxLength + " characters");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				return Optional.of("contains a control character (U+%04X) at position %d".formatted((int) c, i));
			}
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			} else if (Character.isSurrogate(c)) {
				return Optional.of("contains half of a character (a lone surrogate U+%04X) at position %d".formatted((int) c, i));
			}
		}
		return Optional.empty();
	}
}
