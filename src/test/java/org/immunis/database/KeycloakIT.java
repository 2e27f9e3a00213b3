package org.immunis.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.immunis.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Keycloak as the registry's identity provider (docs/identity.md), with the realm the project keeps: the EHR gets a
 * token as a SMART Backend Services client (a signed client assertion), people log in through the portal (a public
 * client, authorization code with PKCE), and the registry trusts the realm once by its issuer (OIDC discovery) and once
 * by its JWKS URI. Keycloak names its issuer after the host a client reached it at, so one realm is both: tokens asked
 * for at {@code localhost} are checked through discovery, those asked for at {@code 127.0.0.1} through the JWKS URI.
 */
class KeycloakIT {

	private static final Path ROOT = Path.of("target", "keycloak-it").toAbsolutePath();
	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
	private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
	private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
	private static final Pattern SECURE = Pattern.compile("(?i);\\s*Secure(?=;|$)");
	private static final String REDIRECT = "http://127.0.0.1:9/callback";
	private static final String MRN = "urn:oid:2.16.840.1.113883.3.9999.1";

	@Test
	void tokensKeycloakIssuesActAsTheirRequesters() throws Exception {
		FileSystemUtils.deleteRecursively(ROOT);
		java.nio.file.Files.createDirectories(ROOT);
		try (Keycloak keycloak = Keycloak.start(ROOT.resolve("keycloak.log"));
				ServerProcess registry = ServerProcess.start(ROOT.resolve("registry"),
						// the tests' own issuer stays trusted, for the admin who loads the records below
						"--immunis.identity.trusted-issuers[0].issuer=" + TestTokens.ISSUER,
						"--immunis.identity.trusted-issuers[0].public-key=classpath:identity/test-issuer-public.pem",
						"--immunis.identity.trusted-issuers[1].issuer=" + keycloak.issuer("localhost"),
						"--immunis.identity.trusted-issuers[2].issuer=" + keycloak.issuer("127.0.0.1"),
						"--immunis.identity.trusted-issuers[2].jwk-set-uri=" + keycloak.issuer("127.0.0.1")
								+ "/protocol/openid-connect/certs")) {
			for (String id : new String[] {"keycloak-parent", "keycloak-child"}) {
				assertThat(registry.fhir("PUT", "Patient/" + id, """
						{"resourceType":"Patient","id":"%s","identifier":[{"system":"%s","value":"%s"}],
						 "name":[{"family":"Keycloak","given":["%s"]}],"gender":"female","birthDate":"2018-05-05"}"""
						.formatted(id, MRN, id, id)).orElseThrow().statusCode())
						.isIn(200, 201);
			}
			assertThat(registry.fhir("PUT", "Organization/keycloak-clinic", """
					{"resourceType":"Organization","id":"keycloak-clinic","name":"Keycloak Clinic",
					 "type":[{"coding":[{"system":"http://immunis.org/fhir/CodeSystem/organization-role","code":"provider"}]}]}""")
					.orElseThrow().statusCode()).isIn(200, 201);

			// the EHR, by issuer discovery
			String ehr = backendServicesToken(keycloak.issuer("localhost"));
			HttpResponse<String> created = fhir(registry, "POST", "Patient", ehr, """
					{"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}],
					 "name":[{"family":"FromEhr","given":["Kim"]}],"gender":"male","birthDate":"2021-03-03"}"""
					.formatted(MRN, UUID.randomUUID()));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			Matcher id = ID.matcher(created.body());
			assertThat(id.find()).isTrue();
			String ehrPatient = "Patient/" + id.group(1);
			assertThat(fhir(registry, "GET", ehrPatient, ehr, null).statusCode()).isEqualTo(200);

			// the nurse through the portal, by JWKS URI: a provider reads the EHR's patient
			String nurse = portalToken(keycloak.issuer("127.0.0.1"), "nurse", "user/*.rs");
			assertThat(fhir(registry, "GET", ehrPatient, nurse, null).statusCode()).isEqualTo(200);

			// the parent through the portal: the child, not someone else's record
			String parent = portalToken(keycloak.issuer("127.0.0.1"), "parent", "patient/*.rs");
			assertThat(fhir(registry, "GET", "Patient/keycloak-child", parent, null).statusCode()).isEqualTo(200);
			// someone else's record answers exactly as an unknown one (403 for a patient: not a record it acts for)
			assertThat(fhir(registry, "GET", ehrPatient, parent, null).statusCode()).isEqualTo(403)
					.isEqualTo(fhir(registry, "GET", "Patient/" + UUID.randomUUID(), parent, null).statusCode());
			String forged = parent.substring(0, parent.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IHNvbWVvbmUgZWxzZQ";
			assertThat(fhir(registry, "GET", "Patient/keycloak-child", forged, null).statusCode()).isEqualTo(401);

		}
	}

	/** SMART Backend Services: client credentials with a client assertion signed by the EHR's key. */
	private static String backendServicesToken(String issuer) throws Exception {
		String tokenEndpoint = issuer + "/protocol/openid-connect/token";
		HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(form(Map.of(
						"grant_type", "client_credentials",
						"scope", "system/*.cruds",
						"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
						"client_assertion", TestTokens.clientAssertion("ehr-backend",
								Path.of("config", "identity-demo", "demo-ehr-private.pem"), tokenEndpoint))))
				.build(), HttpResponse.BodyHandlers.ofString());
		return accessToken(answer);
	}

	/** The portal's login: authorization code with PKCE, the person typing name and password on Keycloak's page. */
	private static String portalToken(String issuer, String username, String scope) throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new PlainHttpCookies())
				.followRedirects(HttpClient.Redirect.NEVER).build();
		String verifier = UUID.randomUUID().toString() + UUID.randomUUID();
		String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
				MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		String authorize = issuer + "/protocol/openid-connect/auth?" + query(Map.of(
				"client_id", "portal", "response_type", "code", "redirect_uri", REDIRECT, "scope", "openid " + scope,
				"state", UUID.randomUUID().toString(), "code_challenge", challenge, "code_challenge_method", "S256"));
		HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher action = FORM_ACTION.matcher(loginPage.body());
		assertThat(action.find()).as(loginPage.body()).isTrue();
		HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(form(Map.of("username", username, "password", "demo"))).build(), HttpResponse.BodyHandlers.ofString());
		String location = loggedIn.headers().firstValue("Location").orElse("");
		Matcher code = CODE.matcher(location);
		assertThat(code.find()).as("redirect %s after login: %s", location, loggedIn.body()).isTrue();
		HttpResponse<String> tokens = browser.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(form(Map.of("grant_type", "authorization_code", "client_id", "portal", "code", code.group(1),
						"redirect_uri", REDIRECT, "code_verifier", verifier))).build(), HttpResponse.BodyHandlers.ofString());
		return accessToken(tokens);
	}

	/**
	 * A browser's cookie jar on loopback: Keycloak marks its login session cookies {@code Secure}, which a browser still
	 * sends to {@code http://localhost} (a secure context) but Java's cookie manager sends only over HTTPS.
	 */
	private static final class PlainHttpCookies extends CookieManager {

		@Override
		public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
			Map<String, List<String>> headers = new HashMap<>();
			responseHeaders.forEach((name, values) -> headers.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
					? values.stream().map(value -> SECURE.matcher(value).replaceAll("")).toList()
					: values));
			super.put(uri, headers);
		}
	}

	private static String accessToken(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		Matcher token = ACCESS_TOKEN.matcher(answer.body());
		assertThat(token.find()).isTrue();
		return token.group(1);
	}

	private static HttpResponse<String> fhir(ServerProcess registry, String method, String path, String token, String json)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.fhirBase() + "/" + path))
				.header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token);
		request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
				: request.header("Content-Type", "application/fhir+json").method(method, HttpRequest.BodyPublishers.ofString(json));
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
		return HttpRequest.BodyPublishers.ofString(query(fields));
	}

	private static String query(Map<String, String> fields) {
		return fields.entrySet().stream()
				.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
	}
}
