package org.immunis.benchmark;

import static org.immunis.benchmark.TransactionResponses.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Times one bulk export end to end as a client sees it: kick-off, polling, every file downloaded. Prints a table row. */
final class BulkExportTiming {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http;
	private final String baseUrl;

	BulkExportTiming(HttpClient http, String baseUrl) {
		this.http = http;
		this.baseUrl = baseUrl;
	}

	void time(String kickOff, String who, String bearer) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/" + kickOff))
				.header("Authorization", bearer).header("Prefer", "respond-async").GET().build(), HttpResponse.BodyHandlers.ofString());
		if (accepted.statusCode() != 202) {
			throw new IllegalStateException(accepted.statusCode() + " " + accepted.body());
		}
		String status = accepted.headers().firstValue("Content-Location").orElseThrow();
		HttpResponse<String> answer;
		while ((answer = get(status, bearer)).statusCode() == 202) {
			Thread.sleep(100);
		}
		long resources = 0;
		for (JsonNode file : JSON.readTree(ok(answer)).get("output")) {
			ok(get(file.get("url").asText(), bearer));
			resources += file.get("count").asLong();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("| %s | %s | %d | %.2f | %.0f |%n", kickOff, who, resources, seconds, resources / seconds);
	}

	private HttpResponse<String> get(String url, String bearer) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
