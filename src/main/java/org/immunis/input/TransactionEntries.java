package org.immunis.input;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * What a transaction or batch bundle must be before any of it runs: at most a configured number of entries, and every
 * entry that creates or replaces a record names the record's own type in its {@code request.url} (a Patient sent to
 * {@code Immunization} is a client's mistake, not a Patient to store).
 */
final class TransactionEntries {

	private TransactionEntries() {}

	static boolean tooMany(Bundle bundle, int maxEntries) {
		return bundle.getEntry().size() > maxEntries;
	}

	/** One line per entry whose request names another type than its resource. */
	static List<String> typeMismatches(Bundle bundle) {
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < bundle.getEntry().size(); i++) {
			Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
			Bundle.HTTPVerb method = entry.getRequest().getMethod();
			if (!entry.hasResource() || (method != Bundle.HTTPVerb.POST && method != Bundle.HTTPVerb.PUT)) {
				continue;
			}
			String type = entry.getResource().fhirType();
			String named = typeNamedBy(entry.getRequest().getUrl());
			if (!type.equals(named)) {
				problems.add("Bundle.entry[%d]: its request.url '%s' does not name the type of its resource (%s)"
						.formatted(i, entry.getRequest().getUrl(), type));
			}
		}
		return problems;
	}

	private static String typeNamedBy(String url) {
		if (url == null) {
			return "";
		}
		String path = url.split("\\?", 2)[0];
		return path.split("/", 2)[0];
	}
}
