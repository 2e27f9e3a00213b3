package org.immunis;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test: the whole server on a random port over real HTTP, against a real PostgreSQL.
 * All subclasses share one Spring context (and so one database), so they must not add per-class configuration.
 *
 * <p>By default the server starts its embedded PostgreSQL with a clean data directory; set {@code IMMUNIS_TEST_DB_URL}
 * (and {@code IMMUNIS_TEST_DB_USER}, {@code IMMUNIS_TEST_DB_PASSWORD}) to run against an external one instead.
 *
 * <p>Every FHIR request needs a bearer token: {@link #client()} acts as the registry admin, {@link #client(String)} sends
 * a token minted with {@link TestTokens}, {@link #anonymousClient()} none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class RegistryIntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected FhirContext fhirContext;

	@DynamicPropertySource
	static void externalDatabase(DynamicPropertyRegistry registry) {
		String url = System.getenv("IMMUNIS_TEST_DB_URL");
		if (url != null && !url.isBlank()) {
			registry.add("immunis.database.embedded.enabled", () -> "false");
			registry.add("spring.datasource.url", () -> url);
			registry.add("spring.datasource.username", () -> System.getenv().getOrDefault("IMMUNIS_TEST_DB_USER", "postgres"));
			registry.add("spring.datasource.password", () -> System.getenv().getOrDefault("IMMUNIS_TEST_DB_PASSWORD", ""));
		}
	}

	protected String baseUrl() {
		return "http://localhost:" + port + "/fhir";
	}

	/** A client acting as the registry admin, who may do everything (see {@link TestTokens} for other requesters). */
	protected IGenericClient client() {
		return client(TestTokens.admin());
	}

	/** A client that sends this bearer token, e.g. {@code client(TestTokens.as("school").organization(...).mint())}. */
	protected IGenericClient client(String bearerToken) {
		IGenericClient client = anonymousClient();
		client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken));
		return client;
	}

	/** A client that sends no token. */
	protected IGenericClient anonymousClient() {
		fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
		// a large transaction on a machine shared with other builds can take longer than HAPI's default 10 s
		fhirContext.getRestfulClientFactory().setSocketTimeout(60_000);
		return fhirContext.newRestfulGenericClient(baseUrl());
	}
}
