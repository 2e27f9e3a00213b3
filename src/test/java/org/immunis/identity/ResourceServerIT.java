package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may reach the server at all: tokens, their issuers, and the public endpoints. */
class ResourceServerIT extends RegistryIntegrationTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void theCapabilityStatementIsPublicAndDescribesSmartOnFhir() throws Exception {
		HttpResponse<String> response = get("/fhir/metadata", null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("SMART-on-FHIR", "oauth-uris", "/oauth2/token");
	}

	@Test
	void theCapabilityStatementNamesTheTokenEndpointsOfTheAddressEachClientUsed() throws Exception {
		for (String host : List.of("127.0.0.1", "localhost", "127.0.0.1")) {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/fhir/metadata"))
					.header("Accept", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.body()).as("asked at " + host)
					.contains("\"valueUri\":\"http://" + host + ":" + port + "/oauth2/authorize\"")
					.doesNotContain((host.equals("localhost") ? "127.0.0.1" : "localhost") + ":" + port + "/oauth2/");
		}
	}

	@Test
	void aCallWithATokenLeavesTheBrowsersSessionAtTheAuthorizationServerAlone() throws Exception {
		String session = get("/login", null).headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		String token = TestTokens.as("registry-admin").scopes("user/*.rs").mint();

		HttpResponse<String> call = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/Patient?_count=1"))
				.header("Authorization", "Bearer " + token).header("Cookie", session).build(), HttpResponse.BodyHandlers.ofString());

		// a new session id here races the other calls of the same page, and the person is signed out
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(call.headers().allValues("Set-Cookie")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {"/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration"})
	void theSmartConfigurationIsPublic(String path) throws Exception {
		HttpResponse<String> response = get(path, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(
				"\"token_endpoint\":\"http://localhost:" + port + "/oauth2/token\"",
				"patient/Immunization.rs", "patient/Immunization.read", "user/*.cruds", "system/*.rs",
				"launch-standalone", "client-confidential-asymmetric", "RS384", "ES384");
	}

	@Test
	void withoutATokenTheAnswerIs401WithAChallengeAndAnOperationOutcome() throws Exception {
		HttpResponse<String> response = get("/fhir/Patient", null);

		assertUnauthorized(response);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
	}

	@Test
	void aBadSignatureIs401() throws Exception {
		assertUnauthorized(get("/fhir/Patient", TestTokens.as("registry-admin").scopes("user/*.rs").signedByStranger().mint()));
	}

	@Test
	void aWrongAudienceIs401() throws Exception {
		String token = TestTokens.as("registry-admin").scopes("user/*.rs").claim("aud", "another-server").mint();

		assertUnauthorized(get("/fhir/Patient", token));
	}

	@Test
	void anExpiredTokenIs401() throws Exception {
		String token = TestTokens.as("registry-admin").scopes("user/*.rs").lifetime(Duration.ofMinutes(-10)).mint();

		assertUnauthorized(get("/fhir/Patient", token));
	}

	@Test
	void anUntrustedIssuerIs401() throws Exception {
		String token = TestTokens.as("registry-admin").scopes("user/*.rs").issuer("https://elsewhere.invalid").mint();

		assertUnauthorized(get("/fhir/Patient", token));
	}

	@Test
	void somethingThatIsNoJwtIs401() throws Exception {
		assertUnauthorized(get("/fhir/Patient", "not-a-token"));
	}

	@Test
	void aValidTokenIsServed() throws Exception {
		assertThat(get("/fhir/Patient", TestTokens.admin()).statusCode()).isEqualTo(200);
	}

	@Test
	void aTokenFromAnIssuerTrustedByPublicKeyIsServedWhateverKeyIdItsHeaderNames() throws Exception {
		assertThat(get("/fhir/Patient", TestTokens.as("registry-admin").scopes("user/*.rs").keyId("idp-key-2026").mint()).statusCode())
				.isEqualTo(200);
		assertUnauthorized(get("/fhir/Patient",
				TestTokens.as("registry-admin").scopes("user/*.rs").keyId("idp-key-2026").signedByStranger().mint()));
	}

	@Test
	void healthIsPublicAndMetricsAreForTheRegistryAdmin() throws Exception {
		String school = TestTokens.as("school").organization("Organization/s1").scopes("user/*.rs").mint();

		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", school).statusCode()).isEqualTo(403);
		// tests run without a metrics registry: the admin gets past security and finds no endpoint
		assertThat(get("/actuator/prometheus", TestTokens.admin()).statusCode()).isNotIn(401, 403);
	}

	private void assertUnauthorized(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				challenge -> assertThat(challenge).startsWith("Bearer"));
		assertThat(response.body()).contains("\"resourceType\":\"OperationOutcome\"");
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
