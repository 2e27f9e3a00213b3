package org.immunis.identity.authorization;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * The embedded authorization server: on in the embedded run, so that the registry works alone; off in production, where
 * an external identity provider issues the tokens.
 *
 * @param enabled whether to run it
 * @param issuer its fixed {@code iss}; empty to name itself after the URL each request comes in on
 * @param accessTokenLifetime how long an access token lives
 * @param clients the registered OAuth2 clients
 * @param users the people who log in
 */
@ConfigurationProperties("immunis.identity.authorization-server")
public record AuthorizationServerProperties(
		boolean enabled, String issuer, Duration accessTokenLifetime, List<Client> clients, List<User> users) {

	public AuthorizationServerProperties {
		accessTokenLifetime = accessTokenLifetime == null ? Duration.ofMinutes(15) : accessTokenLifetime;
		clients = clients == null ? List.of() : List.copyOf(clients);
		users = users == null ? List.of() : List.copyOf(users);
	}

	/**
	 * A registered client. With {@code redirect-uris} it is a SMART app (authorization code + PKCE, refresh tokens if it
	 * has a secret); with {@code jwks} or {@code jwks-uri} a SMART Backend Services client (client credentials, private
	 * key JWT signed RS384 or ES384); with only a secret a client-credentials client.
	 *
	 * @param id the client id
	 * @param secret its secret ({@code {noop}...} or {@code {bcrypt}...}); none for a public app
	 * @param jwks a JWK set file with its public keys, for private key JWT authentication
	 * @param jwksUri where it publishes its public keys, instead of {@code jwks}
	 * @param redirectUris where an app may receive authorization codes
	 * @param scopes the scopes it may ask for
	 * @param role for a system client: the registry role it acts in
	 * @param organization for a system client: the organization it acts for ({@code Organization/123})
	 */
	public record Client(
			String id,
			String secret,
			Resource jwks,
			String jwksUri,
			List<String> redirectUris,
			List<String> scopes,
			String role,
			String organization) {

		public Client {
			redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
			scopes = scopes == null ? List.of() : List.copyOf(scopes);
		}
	}

	/**
	 * A person who logs in to the embedded authorization server.
	 *
	 * @param username the login name
	 * @param password {@code {noop}...} or {@code {bcrypt}...}
	 * @param role the registry role
	 * @param organization the organization acted for ({@code Organization/123})
	 * @param patients the patients acted for: a patient's own record and dependents'
	 * @param study a researcher's approved study
	 * @param fhirUser the FHIR resource that is this person ({@code Patient/123}, {@code Practitioner/456})
	 */
	public record User(
			String username,
			String password,
			String role,
			String organization,
			List<String> patients,
			String study,
			String fhirUser) {

		public User {
			patients = patients == null ? List.of() : List.copyOf(patients);
		}
	}
}
