package org.immunis.bulk;

/**
 * Where a bulk export's status and files are fetched: beside the FHIR endpoint, at {@code [root]/bulk-export/[job]} and
 * {@code [root]/bulk-export/[job]/[file]}, where the root is the FHIR base URL without its {@code /fhir}.
 */
final class ExportUrls {

	static final String PATH = "/bulk-export";

	private ExportUrls() {}

	static String status(String fhirBase, String jobId) {
		return root(fhirBase) + PATH + "/" + jobId;
	}

	static String file(String fhirBase, String jobId, int number) {
		return status(fhirBase, jobId) + "/" + number;
	}

	private static String root(String fhirBase) {
		String base = fhirBase.endsWith("/") ? fhirBase.substring(0, fhirBase.length() - 1) : fhirBase;
		return base.endsWith("/fhir") ? base.substring(0, base.length() - "/fhir".length()) : base;
	}
}
