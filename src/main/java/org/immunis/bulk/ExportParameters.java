package org.immunis.bulk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a bulk export kick-off's parameters ({@code _outputFormat}, {@code _type}, {@code _since}) into an
 * {@link ExportRequest}. What the registry does not support is refused rather than ignored, so that a client never takes
 * a partial export for the one it asked for.
 */
final class ExportParameters {

	static final String NDJSON = "application/fhir+ndjson";
	/** The output formats the Bulk Data Access specification says a server must accept, all meaning NDJSON. */
	static final Set<String> OUTPUT_FORMATS = Set.of(NDJSON, "application/ndjson", "ndjson");
	private static final Set<String> UNSUPPORTED = Set.of("_typeFilter", "_elements", "patient", "includeAssociatedData",
			"organizeOutputBy", "_until");

	private ExportParameters() {}

	/** Bad input: answered with 400. */
	static final class BadParameter extends RuntimeException {
		BadParameter(String message) {
			super(message);
		}
	}

	/** A type the requester may not read: answered with 403. */
	static final class TypeNotAllowed extends RuntimeException {
		TypeNotAllowed(String message) {
			super(message);
		}
	}

	/**
	 * @param exportable the types an export at this level holds, in the order they are written
	 * @param mayRead whether the requester may read (search) a type at all
	 */
	static ExportRequest read(ExportLevel level, String group, Map<String, List<String>> parameters, List<String> exportable,
			Predicate<String> mayRead, String url) {
		for (String name : parameters.keySet()) {
			if (UNSUPPORTED.contains(name)) {
				throw new BadParameter(name + " is not supported by this server's bulk export");
			}
		}
		String format = single(parameters, "_outputFormat");
		if (format != null && !OUTPUT_FORMATS.contains(format)) {
			throw new BadParameter("_outputFormat '" + format + "' is not supported; use " + NDJSON);
		}
		return new ExportRequest(level, group, types(parameters.getOrDefault("_type", List.of()), exportable, mayRead),
				since(single(parameters, "_since")), url);
	}

	private static List<String> types(List<String> values, List<String> exportable, Predicate<String> mayRead) {
		List<String> asked = new ArrayList<>();
		for (String value : values) {
			for (String type : value.split(",")) {
				if (!type.isBlank() && !asked.contains(type.trim())) {
					asked.add(type.trim());
				}
			}
		}
		if (asked.isEmpty()) {
			List<String> readable = exportable.stream().filter(mayRead).toList();
			if (readable.isEmpty()) {
				throw new TypeNotAllowed("this requester may read none of the types an export holds: " + String.join(", ", exportable));
			}
			return readable;
		}
		for (String type : asked) {
			if (!exportable.contains(type)) {
				throw new BadParameter("_type " + type + " is not exported here; an export at this level holds "
						+ String.join(", ", exportable));
			}
			if (!mayRead.test(type)) {
				throw new TypeNotAllowed("this requester may not read " + type);
			}
		}
		// in the registry's order: patients first, so that a client can load them before what refers to them
		return exportable.stream().filter(asked::contains).toList();
	}

	private static Instant since(String value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		} catch (DateTimeParseException e) {
			throw new BadParameter("_since must be a FHIR instant with a time zone (2024-01-31T00:00:00Z), not '" + value + "'");
		}
	}

	private static String single(Map<String, List<String>> parameters, String name) {
		List<String> values = parameters.getOrDefault(name, List.of());
		if (values.size() > 1) {
			throw new BadParameter(name + " may be given once");
		}
		return values.isEmpty() || values.get(0).isBlank() ? null : values.get(0).trim();
	}
}
