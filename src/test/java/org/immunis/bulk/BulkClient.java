package org.immunis.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A bulk data client as a SMART Backend Services client runs one, over plain HTTP: kick-off with
 * {@code Prefer: respond-async}, poll the status URL until the manifest comes, download every file with the same token.
 * Every line of every file must parse as a FHIR R4 resource of the type the manifest says.
 */
final class BulkClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	private static final ObjectMapper JSON = new ObjectMapper();

	private final String fhirBase;
	private final String token;
	private final FhirContext fhirContext;

	BulkClient(String fhirBase, String token, FhirContext fhirContext) {
		this.fhirBase = fhirBase;
		this.token = token;
		this.fhirContext = fhirContext;
	}

	record Answer(int status, String body, HttpResponse<String> response) {

		String header(String name) {
			return response.headers().firstValue(name).orElse(null);
		}
	}

	/** What an export gave: the manifest and every resource of every file, parsed. */
	record Export(JsonNode manifest, List<IBaseResource> resources) {

		/** Every exported resource as {@code Type/id}. */
		Set<String> ids() {
			return resources.stream().map(resource -> resource.fhirType() + "/" + resource.getIdElement().getIdPart())
					.collect(Collectors.toCollection(LinkedHashSet::new));
		}
	}

	Answer kickOff(String pathAndQuery) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(fhirBase + "/" + pathAndQuery)).header("Accept", "application/fhir+json")
				.header("Prefer", "respond-async").GET());
	}

	Answer get(String url) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	Answer delete(String url) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url)).DELETE());
	}

	/** Kick-off, poll and download; fails the test at any step that does not answer as the specification says. */
	Export export(String pathAndQuery) throws Exception {
		Answer accepted = kickOff(pathAndQuery);
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
		return await(accepted.header("Content-Location"));
	}

	JsonNode manifest(String statusUrl) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (true) {
			Answer status = get(statusUrl);
			if (status.status() == 200) {
				assertThat(status.header("Content-Type")).startsWith("application/json");
				assertThat(status.header("Expires")).isNotNull();
				return JSON.readTree(status.body());
			}
			assertThat(status.status()).as(status.body()).isEqualTo(202);
			// what the requester is given so far, nothing about what was read (that would count hidden records)
			assertThat(status.header("X-Progress")).matches("queued|queued again: its server stopped|started|resources written: \\d+");
			assertThat(Integer.parseInt(status.header("Retry-After"))).isPositive();
			assertThat(Instant.now()).as("the export finishes in time").isBefore(deadline);
			Thread.sleep(200);
		}
	}

	Export await(String statusUrl) throws Exception {
		JsonNode manifest = manifest(statusUrl);
		assertThat(manifest.get("requiresAccessToken").asBoolean()).isTrue();
		assertThat(manifest.get("transactionTime").asText()).isNotBlank();
		assertThat(manifest.get("request").asText()).contains("$export");
		assertThat(manifest.get("error").isArray()).isTrue();
		List<IBaseResource> resources = new ArrayList<>();
		for (JsonNode output : manifest.get("output")) {
			Answer file = get(output.get("url").asText());
			assertThat(file.status()).as(file.body()).isEqualTo(200);
			assertThat(file.header("Content-Type")).startsWith("application/fhir+ndjson");
			String[] lines = file.body().split("\n");
			assertThat(lines).hasSize(output.get("count").asInt());
			for (String line : lines) {
				IBaseResource resource = fhirContext.newJsonParser().setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler())
						.parseResource(line);
				assertThat(resource.fhirType()).isEqualTo(output.get("type").asText());
				resources.add(resource);
			}
		}
		return new Export(manifest, resources);
	}

	private Answer send(HttpRequest.Builder request) throws Exception {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.body(), response);
	}
}
