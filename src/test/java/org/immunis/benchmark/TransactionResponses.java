package org.immunis.benchmark;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read from the server's answers. */
final class TransactionResponses {

	private static final Pattern PATIENT_LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"(Patient/[^/\"]+)");

	private TransactionResponses() {}

	/** The body of a successful answer; anything else stops the benchmark. */
	static String ok(HttpResponse<String> response) {
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(response.statusCode() + " from " + response.uri() + ": " + response.body());
		}
		return response.body();
	}

	/** The Patient a transaction created, as {@code Patient/id}. */
	static String patientId(String transactionResponse) {
		Matcher matcher = PATIENT_LOCATION.matcher(transactionResponse);
		if (!matcher.find()) {
			throw new IllegalStateException("no Patient in " + transactionResponse);
		}
		return matcher.group(1);
	}
}
