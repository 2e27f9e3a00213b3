package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.RegistryIntegrationTest;
import org.immunis.TestTokens;
import org.immunis.fhir.RegistryRecords;
import org.junit.jupiter.api.Test;

/**
 * Tokens from the embedded authorization server through its real endpoints, for the demo set of config/identity-demo.yaml:
 * SMART Backend Services (client credentials with a private key JWT) and SMART standalone launch (authorization code
 * with PKCE, login form, patient picked on the consent page, refresh token).
 */
class AuthorizationServerIT extends RegistryIntegrationTest {

	private static final String REDIRECT = "http://127.0.0.1:8765/callback";
	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
	private String sessionCookie;

	@Test
	void anEhrGetsATokenWithAPrivateKeyJwtAndActsAsItsProvider() throws Exception {
		HttpResponse<String> response = tokenRequest(Map.of(
				"grant_type", "client_credentials",
				"scope", "system/*.cruds",
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", clientAssertion("demo-ehr", "config/identity-demo/demo-ehr-private.pem")), null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String token = JSON.readTree(response.body()).get("access_token").asText();
		Patient created = (Patient) client(token).create().resource(patient()).execute().getResource();
		assertThat(RecordOwnership.recordedBy(created)).isEqualTo("demo-clinic");
	}

	@Test
	void theRegistrysConsoleLoadsARecordUnderAChosenIdAndAnEhrMayNot() throws Exception {
		String admin = secretToken("demo-admin-console:demo-admin-secret");
		String ehr = secretToken("demo-ehr:demo-ehr-secret");
		String id = "demo-console-" + UUID.randomUUID();
		Patient patient = patient();
		patient.setId(id);
		patient.getMeta().addTag(RecordOwnership.SYSTEM, "demo-clinic", null);

		Patient loaded = (Patient) client(admin).update().resource(patient).execute().getResource();
		assertThat(loaded.getIdElement().getIdPart()).isEqualTo(id);
		assertThat(RecordOwnership.recordedBy(loaded)).isEqualTo("demo-clinic");

		patient.setId("demo-ehr-" + UUID.randomUUID());
		patient.getMeta().getTag().clear();
		assertThat(fhirPut("/Patient/" + patient.getIdPart(), fhirContext.newJsonParser().encodeResourceToString(patient), ehr))
				.isEqualTo(403);
	}

	private String secretToken(String basicCredentials) throws Exception {
		HttpResponse<String> response = tokenRequest(Map.of("grant_type", "client_credentials", "scope", "system/*.cruds"),
				basicCredentials);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("access_token").asText();
	}

	private int fhirPut(String path, String json, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/fhir+json").PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	@Test
	void aClientAssertionIsGoodForOneTokenOnly() throws Exception {
		Map<String, String> request = Map.of(
				"grant_type", "client_credentials",
				"scope", "system/*.rs",
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", clientAssertion("demo-ehr", "config/identity-demo/demo-ehr-private.pem"));
		assertThat(tokenRequest(request, null).statusCode()).isEqualTo(200);

		HttpResponse<String> replayed = tokenRequest(request, null);

		assertThat(replayed.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(replayed.body()).get("error").asText()).isEqualTo("invalid_client");
		assertThat(JSON.readTree(replayed.body()).get("error_description").asText()).contains("already used");
	}

	@Test
	void anAssertionForAnotherHostSaysWhyItIsRefused() throws Exception {
		HttpResponse<String> response = tokenRequest(Map.of(
				"grant_type", "client_credentials",
				"scope", "system/*.rs",
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", clientAssertion("demo-ehr", "config/identity-demo/demo-ehr-private.pem",
						"https://another-registry.example/oauth2/token")), null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(response.body()).get("error_description").asText()).contains("aud");
	}

	@Test
	void anAssertionSignedWithAnotherKeyGetsNoToken() throws Exception {
		HttpResponse<String> response = tokenRequest(Map.of(
				"grant_type", "client_credentials",
				"scope", "system/*.rs",
				"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
				"client_assertion", clientAssertion("demo-ehr", null)), null);

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void aGuardianLaunchesAnAppForOneChildAndTheTokenReachesOnlyThatChild() throws Exception {
		JsonNode tokens = launch(List.of("launch/patient", "offline_access", "fhirUser", "patient/Immunization.rs", "patient/Patient.rs"));

		assertThat(tokens.get("patient").asText()).isEqualTo("demo-child-1");
		String idToken = new String(Base64.getUrlDecoder().decode(tokens.get("id_token").asText().split("\\.")[1]));
		assertThat(JSON.readTree(idToken).get("fhirUser").asText()).isEqualTo("Patient/demo-parent");
		assertThat(tokens.has("refresh_token")).isTrue();
		assertOnlyChildOne(tokens.get("access_token").asText());
		JsonNode refreshed = JSON.readTree(tokenRequest(Map.of(
				"grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asText(), "client_id", "demo-portal"),
				null).body());
		assertOnlyChildOne(refreshed.get("access_token").asText());
	}

	@Test
	void aPublicAppWithOfflineAccessGetsARefreshTokenThatWorksOnce() throws Exception {
		JsonNode tokens = launch("demo-public-app", null, List.of("launch/patient", "offline_access", "patient/Patient.rs"));
		String first = tokens.get("refresh_token").asText();

		HttpResponse<String> refreshed = tokenRequest(Map.of(
				"grant_type", "refresh_token", "refresh_token", first, "client_id", "demo-public-app"), null);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		JsonNode next = JSON.readTree(refreshed.body());
		assertThat(next.get("refresh_token").asText()).isNotEqualTo(first);
		assertThat(fhir("/Patient/demo-child-1", next.get("access_token").asText())).isEqualTo(200);

		HttpResponse<String> reused = tokenRequest(Map.of(
				"grant_type", "refresh_token", "refresh_token", first, "client_id", "demo-public-app"), null);
		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(reused.body()).get("error").asText()).isEqualTo("invalid_grant");
		assertThat(JSON.readTree(reused.body()).get("error_description").asText()).isNotBlank();
	}

	@Test
	void underAChildsLaunchTheParentReadsTheirOwnPatientRecordAndNothingElseOfTheirs() throws Exception {
		String token = launch(List.of("launch/patient", "fhirUser", "patient/Patient.rs", "patient/Immunization.rs"))
				.get("access_token").asText();

		assertThat(fhir("/Patient/demo-parent", token)).isEqualTo(200);
		assertThat(fhir("/Immunization?patient=demo-parent", token)).isEqualTo(403);
		assertThat(fhir("/Patient/demo-child-2", token)).isEqualTo(403);
	}

	@Test
	void aDoctorsFhirUserIsTheirPractitionerRoleWhichTheyMayRead() throws Exception {
		JsonNode tokens = launch("doctor", "demo-portal", null, List.of("fhirUser", "user/*.rs"));

		String idToken = new String(Base64.getUrlDecoder().decode(tokens.get("id_token").asText().split("\\.")[1]));
		assertThat(JSON.readTree(idToken).get("fhirUser").asText()).isEqualTo("PractitionerRole/demo-doctor-at-clinic");
		assertThat(fhir("/PractitionerRole/demo-doctor-at-clinic", tokens.get("access_token").asText())).isEqualTo(200);
		assertThat(fhir("/Practitioner/demo-doctor", tokens.get("access_token").asText())).isEqualTo(200);
	}

	@Test
	void aClientWithAWrongSecretIsToldWhy() throws Exception {
		HttpResponse<String> response = tokenRequest(Map.of("grant_type", "client_credentials", "scope", "system/*.rs"),
				"demo-ehr:not-the-secret");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_client");
		assertThat(JSON.readTree(response.body()).get("error_description").asText()).isNotBlank();
	}

	@Test
	void withoutOfflineAccessThereIsNoRefreshToken() throws Exception {
		JsonNode tokens = launch(List.of("launch/patient", "patient/Immunization.rs"));

		assertThat(tokens.get("patient").asText()).isEqualTo("demo-child-1");
		assertThat(tokens.has("refresh_token")).isFalse();
	}

	// The parent logs in, picks demo-child-1 on the consent page, and the app exchanges the code with its PKCE verifier.
	// The demo family is loaded by the server at start-up (config/identity-demo/demo-records.json).
	private JsonNode launch(List<String> scopes) throws Exception {
		return launch("demo-portal", null, scopes);
	}

	private JsonNode launch(String clientId, String basicCredentials, List<String> scopes) throws Exception {
		return launch("parent", clientId, basicCredentials, scopes);
	}

	private JsonNode launch(String username, String clientId, String basicCredentials, List<String> scopes) throws Exception {
		String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().repeat(2).getBytes());
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
				MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String authorize = "/oauth2/authorize?" + form(Map.of(
				"response_type", "code",
				"client_id", clientId,
				"redirect_uri", REDIRECT,
				"scope", "openid " + String.join(" ", scopes),
				"state", "app-state",
				"aud", baseUrl(),
				"code_challenge", challenge,
				"code_challenge_method", "S256"));

		assertThat(location(browse("GET", authorize, null))).endsWith("/login");
		String loginPage = browse("GET", "/login", null).body();
		String loggedIn = location(browse("POST", "/login",
				form(Map.of("username", username, "password", "demo", "_csrf", hiddenValue(loginPage, "_csrf")))));
		String consentUrl = location(browse("GET", loggedIn, null));
		assertThat(consentUrl).contains("/oauth2/consent");
		String consentPage = browse("GET", consentUrl, null).body();
		String consent = form(Map.of("client_id", clientId, "state", hiddenValue(consentPage, "state")))
				+ scopes.stream().map(scope -> "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)).collect(Collectors.joining());
		String callback = scopes.contains("launch/patient") ? pickChildOne(consentPage, consent)
				: location(browse("POST", "/oauth2/authorize", consent));

		assertThat(callback).startsWith(REDIRECT).contains("state=app-state");
		String code = callback.replaceAll(".*[?&]code=([^&]+).*", "$1");
		Map<String, String> exchange = new java.util.HashMap<>(Map.of(
				"grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT, "code_verifier", verifier));
		if (basicCredentials == null) {
			exchange.put("client_id", clientId);
		}
		HttpResponse<String> tokens = tokenRequest(exchange, basicCredentials);
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		return JSON.readTree(tokens.body());
	}

	// the parent's picker: names and birth dates, Allow and Deny; a pick is needed, and one of the parent's own
	private String pickChildOne(String consentPage, String consentWithoutPatient) throws Exception {
		assertThat(consentPage).contains("demo-child-1", "demo-child-2", "demo-parent",
				"Ada Demo, born 10 March 2021", "Leo Demo, born 15 June 2025", "Jordan Demo, born 12 May 1990", ">Deny<");

		assertThat(browse("POST", "/oauth2/authorize", consentWithoutPatient).statusCode()).isEqualTo(400);
		assertThat(browse("POST", "/oauth2/authorize", consentWithoutPatient + "&patient=somebody-else").statusCode()).isEqualTo(403);
		return location(browse("POST", "/oauth2/authorize", consentWithoutPatient + "&patient=demo-child-1"));
	}

	private void assertOnlyChildOne(String token) throws Exception {
		assertThat(fhir("/Patient/demo-child-1", token)).isEqualTo(200);
		assertThat(fhir("/Immunization?patient=demo-child-1", token)).isEqualTo(200);
		assertThat(fhir("/Patient/demo-child-2", token)).isEqualTo(403);
		assertThat(fhir("/Immunization?patient=demo-child-2", token)).isEqualTo(403);
		assertThat(fhir("/Immunization", token)).isEqualTo(403);
	}

	private int fhir(String path, String token) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString()).statusCode();
	}

	private HttpResponse<String> tokenRequest(Map<String, String> parameters, String basicCredentials) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root() + "/oauth2/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form(parameters)));
		if (basicCredentials != null) {
			request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basicCredentials.getBytes()));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	// A browser: one session cookie, no redirects followed.
	private HttpResponse<String> browse(String method, String pathOrUrl, String formBody) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : root() + pathOrUrl));
		if (sessionCookie != null) {
			request.header("Cookie", sessionCookie);
		}
		if (formBody == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		} else {
			request.header("Content-Type", "application/x-www-form-urlencoded")
					.method(method, HttpRequest.BodyPublishers.ofString(formBody));
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		response.headers().allValues("Set-Cookie").stream()
				.filter(cookie -> cookie.startsWith("JSESSIONID="))
				.findFirst()
				.ifPresent(cookie -> sessionCookie = cookie.substring(0, cookie.indexOf(';')));
		return response;
	}

	private String clientAssertion(String clientId, String privateKeyPem) throws Exception {
		return clientAssertion(clientId, privateKeyPem, root() + "/oauth2/token");
	}

	private String clientAssertion(String clientId, String privateKeyPem, String audience) throws Exception {
		if (privateKeyPem != null) {
			return TestTokens.clientAssertion(clientId, Path.of(privateKeyPem), audience);
		}
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		return TestTokens.clientAssertion(clientId, generator.generateKeyPair().getPrivate(), audience);
	}

	private String root() {
		return "http://localhost:" + port;
	}

	private static String location(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		return response.headers().firstValue("Location").orElseThrow();
	}

	private static String hiddenValue(String html, String name) {
		Matcher matcher = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
		assertThat(matcher.find()).as("hidden field " + name + " in " + html).isTrue();
		return matcher.group(1);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet().stream()
				.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
	}

	private static Patient patient() {
		Patient patient = new Patient();
		patient.addIdentifier().setSystem(RegistryRecords.MRN_SYSTEM).setValue(UUID.randomUUID().toString());
		patient.addName().setFamily("Demo").addGiven("Launch");
		patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2017-07-07"));
		patient.setGender(Enumerations.AdministrativeGender.MALE);
		return patient;
	}
}
