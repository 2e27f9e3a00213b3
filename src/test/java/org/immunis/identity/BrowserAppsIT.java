package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.immunis.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * What a browser meets: CORS for SMART apps from other origins (preflights answered without a token), the truth about
 * it in the CapabilityStatement, the registry's pages and stylesheet without a token, HTML errors for a page load and
 * OperationOutcomes for FHIR clients, and the demo set's directory records behind the demo users' fhirUser.
 */
class BrowserAppsIT extends RegistryIntegrationTest {

	private static final String APP_ORIGIN = "http://127.0.0.1:9999";

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void aPreflightToTheFhirApiIsAnsweredWithoutAToken() throws Exception {
		HttpResponse<String> response = preflight("/fhir/Patient/demo-child-1", "GET", "authorization");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP_ORIGIN);
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("authorization");
	}

	@Test
	void theSmartConfigurationAndTheTokenEndpointAnswerOtherOrigins() throws Exception {
		assertThat(preflight("/oauth2/token", "POST", "content-type").headers().firstValue("Access-Control-Allow-Origin"))
				.hasValue(APP_ORIGIN);
		HttpResponse<String> discovery = send(HttpRequest.newBuilder(URI.create(root() + "/fhir/.well-known/smart-configuration"))
				.header("Origin", APP_ORIGIN));
		assertThat(discovery.statusCode()).isEqualTo(200);
		assertThat(discovery.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP_ORIGIN);
	}

	@Test
	void anOriginNotConfiguredGetsNoCorsHeaders() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(root() + "/fhir/Patient"))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", "https://elsewhere.example")
				.header("Access-Control-Request-Method", "GET"));

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void theCapabilityStatementSaysCorsBecauseOriginsAreConfigured() {
		CapabilityStatement capabilities = anonymousClient().capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(capabilities.getRestFirstRep().getSecurity().getCors()).isTrue();
	}

	@Test
	void theLoginPageAndItsStylesheetNeedNoToken() throws Exception {
		HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(root() + "/login")).header("Accept", "text/html"));
		HttpResponse<String> stylesheet = send(HttpRequest.newBuilder(URI.create(root() + "/assets/registry.css")));

		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("/assets/registry.css", "Immunization Registry", "name=\"_csrf\"");
		assertThat(stylesheet.statusCode()).isEqualTo(200);
		assertThat(stylesheet.headers().firstValue("Content-Type").orElse("")).startsWith("text/css");
	}

	@Test
	void theRootIsAPageNotA401() throws Exception {
		HttpResponse<String> root = send(HttpRequest.newBuilder(URI.create(root() + "/")).header("Accept", "text/html"));

		assertThat(root.statusCode()).isEqualTo(200);
		assertThat(root.body()).contains("/fhir/metadata");
	}

	@Test
	void aBrowserGetsAnHtmlErrorPageAndAFhirClientAnOperationOutcome() throws Exception {
		HttpResponse<String> browser = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient"))
				.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
		HttpResponse<String> fhirClient = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/Patient"))
				.header("Accept", "application/fhir+json"));
		HttpResponse<String> unknownPage = send(HttpRequest.newBuilder(URI.create(root() + "/no-such-page"))
				.header("Accept", "text/html"));

		assertThat(browser.statusCode()).isEqualTo(401);
		assertThat(browser.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(browser.body()).contains("Please sign in", "/assets/registry.css");
		assertThat(fhirClient.statusCode()).isEqualTo(401);
		assertThat(fhirClient.body()).contains("\"resourceType\":\"OperationOutcome\"");
		assertThat(unknownPage.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(unknownPage.body()).doesNotContain("Whitelabel");
	}

	@Test
	void theDemoDoctorsFhirUserIsARealPractitionerRoleOfTheDemoClinic() {
		PractitionerRole role = client().read().resource(PractitionerRole.class).withId("demo-doctor-at-clinic").execute();

		assertThat(role.getPractitioner().getReference()).isEqualTo("Practitioner/demo-doctor");
		assertThat(role.getOrganization().getReference()).isEqualTo("Organization/demo-clinic");
	}

	private HttpResponse<String> preflight(String path, String method, String headers) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(root() + path))
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.header("Origin", APP_ORIGIN)
				.header("Access-Control-Request-Method", method)
				.header("Access-Control-Request-Headers", headers));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String root() {
		return "http://localhost:" + port;
	}
}
