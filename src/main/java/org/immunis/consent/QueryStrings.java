package org.immunis.consent;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Splits a query string into parameters, as the servlet container would. */
final class QueryStrings {

	private QueryStrings() {}

	static Map<String, String[]> parse(String query) {
		Map<String, List<String>> values = new HashMap<>();
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		Map<String, String[]> parameters = new HashMap<>();
		values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
		return parameters;
	}
}
