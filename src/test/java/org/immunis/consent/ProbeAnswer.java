package org.immunis.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer the leak probe received, and the probe's oracle: which hidden records it carries, and whether the answer
 * about a hidden record differs from the answer about an unknown one.
 */
record ProbeAnswer(int status, String headers, String body) {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	/**
	 * Each hidden record this answer carries. One the request did not name may not appear at all; one it named may be
	 * repeated in a message ("Patient/5 is not known"), but not shown, referred to, located or counted as a resource.
	 */
	List<String> carrying(Set<String> hidden, Set<String> named, String request) {
		String everything = headers + "\n" + body;
		List<String> found = new ArrayList<>();
		for (String record : hidden) {
			Matcher matcher = (named.contains(record) ? shownOrReferred(record) : anywhere(record)).matcher(everything);
			if (matcher.find()) {
				int from = Math.max(0, matcher.start() - 120);
				found.add(request + " (" + status + ") carries hidden " + record + ": ..."
						+ everything.substring(from, Math.min(everything.length(), matcher.end() + 120)).replace('\n', ' ') + "...");
			}
		}
		return found;
	}

	/**
	 * How this answer about a hidden record differs from the answer about an unknown one, each with its record's id,
	 * times, random ids and page ids left out; empty when they are alike.
	 */
	Optional<String> differenceFrom(String hiddenRecord, ProbeAnswer unknown, String unknownRecord) {
		String hiddenView = normalized(hiddenRecord);
		String unknownView = unknown.normalized(unknownRecord);
		if (status == unknown.status && hiddenView.equals(unknownView)) {
			return Optional.empty();
		}
		return Optional.of(status + " " + hiddenView + "\n  but unknown: " + unknown.status + " " + unknownView);
	}

	private static Pattern anywhere(String record) {
		String bare = Pattern.quote(LeakProbeIT.id(record));
		return Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(record) + "(?![A-Za-z0-9.\\-])"
				+ "|\"id\"\\s*:\\s*\"" + bare + "\"|<id value=\"" + bare + "\"");
	}

	private static Pattern shownOrReferred(String record) {
		String bare = Pattern.quote(LeakProbeIT.id(record));
		String inValue = "[^\"]*(?<![A-Za-z0-9])" + Pattern.quote(record) + "(?![A-Za-z0-9.\\-])";
		return Pattern.compile("\"id\"\\s*:\\s*\"" + bare + "\"|<id value=\"" + bare + "\""
				+ "|\"(reference|fullUrl|location)\"\\s*:\\s*\"" + inValue + "|<(reference|fullUrl|location) value=\"" + inValue
				+ "|(?i)(content-)?location: " + inValue.replace("[^\"]*", "[^\\n]*"));
	}

	private String normalized(String record) {
		// times first, so that an id that happens to be part of a time does not make two times differ
		String text = TIMESTAMP.matcher(body).replaceAll("{time}");
		text = text.replace(record, "{record}").replace(LeakProbeIT.id(record), "{id}");
		text = UUID.matcher(text).replaceAll("{uuid}");
		return text.replaceAll("_getpages=[^&\"]+", "_getpages={page}");
	}

	String nextLink() {
		if (status != 200 || !body.startsWith("{")) {
			return null;
		}
		try {
			for (JsonNode link : JSON.readTree(body).path("link")) {
				if ("next".equals(link.path("relation").asText())) {
					return link.path("url").asText();
				}
			}
			return null;
		} catch (IOException e) {
			return null;
		}
	}
}
