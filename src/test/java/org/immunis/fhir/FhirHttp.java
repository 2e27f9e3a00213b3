package org.immunis.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.immunis.TestTokens;

/** Plain HTTP to the FHIR endpoint as the registry admin, for the requests the generic client cannot or will not send. */
public final class FhirHttp {

	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private final String baseUrl;

	public FhirHttp(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	public HttpResponse<String> post(String path, String json) {
		return send(request(path).header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	public HttpResponse<String> put(String path, String json) {
		return send(request(path).header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** Any request as the registry admin, with a body as raw bytes (null: none) and headers as name, value pairs. */
	public HttpResponse<String> send(String method, String path, byte[] body, String... headers) {
		HttpRequest.Builder request = request(path).method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(baseUrl + "/" + path))
				.header("Accept", "application/fhir+json")
				.header("Authorization", "Bearer " + TestTokens.admin());
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}
}
