package org.immunis.report;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Plain HTTP to the FHIR endpoint as one requester (a bearer token). */
final class ReportHttp {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;
	private final String token;
	private final FhirContext fhirContext;

	ReportHttp(String baseUrl, String token, FhirContext fhirContext) {
		this.baseUrl = baseUrl;
		this.token = token;
		this.fhirContext = fhirContext;
	}

	record Answer(int status, String body, FhirContext fhirContext) {

		IBaseResource resource() {
			return fhirContext.newJsonParser().parseResource(body);
		}
	}

	Answer get(String path) {
		return send(request(path).GET());
	}

	Answer post(String path, IBaseResource resource) {
		return send(request(path).header("Content-Type", "application/fhir+json")
				.POST(HttpRequest.BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(resource))));
	}

	Answer put(String path, IBaseResource resource) {
		return send(request(path).header("Content-Type", "application/fhir+json")
				.PUT(HttpRequest.BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(resource))));
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
