package org.immunis.bulk;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who started an export, from the token's claims: its issuer, subject and client. Status and files answer only to a
 * token with the same three; anyone else gets what an unknown job gets.
 */
final class ExportOwner {

	private ExportOwner() {}

	static String of(Map<String, Object> claims) {
		return text(claims.get("iss")) + "|" + text(claims.get("sub")) + "|"
				+ text(claims.containsKey("client_id") ? claims.get("client_id") : claims.get("azp"));
	}

	/** The claims as text and lists of text, as the job keeps them to derive its requester again. */
	static Map<String, Object> storable(Map<String, Object> claims) {
		Map<String, Object> stored = new LinkedHashMap<>();
		claims.forEach((name, value) -> stored.put(name, value instanceof Collection<?> values
				? values.stream().map(String::valueOf).toList()
				: value == null ? null : String.valueOf(value)));
		return stored;
	}

	private static String text(Object value) {
		return value instanceof List<?> list && !list.isEmpty() ? String.valueOf(list.get(0)) : String.valueOf(value);
	}
}
