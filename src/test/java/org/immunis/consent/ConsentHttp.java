package org.immunis.consent;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Plain HTTP as one requester (a bearer token), with the answers the conformance suite compares. */
final class ConsentHttp {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;
	private final String token;
	private final FhirContext fhirContext;

	ConsentHttp(String baseUrl, String token, FhirContext fhirContext) {
		this.baseUrl = baseUrl;
		this.token = token;
		this.fhirContext = fhirContext;
	}

	record Answer(int status, String body, FhirContext fhirContext) {

		IBaseResource resource() {
			return fhirContext.newJsonParser().parseResource(body);
		}

		Bundle bundle() {
			return (Bundle) resource();
		}

		/** The ids (Type/id, versionless) of every entry of a Bundle answer. */
		Set<String> ids() {
			Set<String> ids = new LinkedHashSet<>();
			for (Bundle.BundleEntryComponent entry : bundle().getEntry()) {
				if (entry.hasResource()) {
					ids.add(entry.getResource().getIdElement().toUnqualifiedVersionless().getValue());
				}
			}
			return ids;
		}

		String diagnostics() {
			OperationOutcome outcome = (OperationOutcome) resource();
			return outcome.getIssueFirstRep().getDiagnostics();
		}
	}

	Answer get(String path) {
		return send(request(path).GET());
	}

	Answer get(String path, String header, String value) {
		return send(request(path).header(header, value).GET());
	}

	Answer post(String path, String json) {
		return send(request(path).header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	Answer post(String path, String json, String header, String value) {
		return send(request(path).header("Content-Type", "application/fhir+json").header(header, value)
				.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	Answer put(String path, String json) {
		return send(request(path).header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	Answer patch(String path, String jsonPatch) {
		return send(request(path).header("Content-Type", "application/json-patch+json")
				.method("PATCH", HttpRequest.BodyPublishers.ofString(jsonPatch)));
	}

	Answer delete(String path) {
		return send(request(path).DELETE());
	}

	Answer getAbsolute(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json")
				.header("Authorization", "Bearer " + token).GET());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(baseUrl + "/" + path))
				.header("Accept", "application/fhir+json")
				.header("Authorization", "Bearer " + token);
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), fhirContext);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
