package org.immunis.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Whom the registry trusts to tell it who is asking.
 *
 * @param audiences a token must be issued for at least one of these ({@code aud} claim)
 * @param claims the names of the claims the requester is derived from
 * @param trustedIssuers the identity providers whose tokens are accepted, besides the embedded authorization server
 * @param externalAuthorizationServer the endpoints SMART apps are sent to when the embedded authorization server is off
 */
@ConfigurationProperties("immunis.identity")
public record IdentityProperties(
		List<String> audiences,
		ClaimNames claims,
		List<TrustedIssuer> trustedIssuers,
		ExternalAuthorizationServer externalAuthorizationServer) {

	public IdentityProperties {
		audiences = audiences == null ? List.of() : List.copyOf(audiences);
		claims = claims == null ? ClaimNames.DEFAULT : claims;
		trustedIssuers = trustedIssuers == null ? List.of() : List.copyOf(trustedIssuers);
	}

	/**
	 * The claims a token carries the requester in, so that an external identity provider can supply them under its own
	 * names. {@code sub}, {@code scope} (or {@code scp}), {@code client_id} (or {@code azp}) are standard.
	 *
	 * @param role the registry role ({@code provider}, {@code school}, ...)
	 * @param organization the organization acted for ({@code Organization/123} or {@code 123})
	 * @param patients the patients acted for (a list of {@code Patient/123} or {@code 123})
	 * @param study the approved study of a researcher
	 * @param launchPatient the SMART patient context, narrowing the patients to one
	 * @param fhirUser the SMART fhirUser ({@code Patient/123} of a patient counts as a patient acted for)
	 */
	public record ClaimNames(
			String role, String organization, String patients, String study, String launchPatient, String fhirUser) {

		public static final ClaimNames DEFAULT = new ClaimNames(
				"immunis_role", "immunis_organization", "immunis_patients", "immunis_study", "patient", "fhirUser");
	}

	/**
	 * An identity provider whose tokens are accepted. Its keys come from the first of: a local public key file, a JWK
	 * set URI, or OIDC discovery from the issuer ({@code <issuer>/.well-known/openid-configuration}).
	 *
	 * @param issuer the {@code iss} of its tokens
	 * @param jwkSetUri where its public keys are published
	 * @param publicKey a PEM file with its RSA public key (closed networks, tests)
	 */
	public record TrustedIssuer(String issuer, String jwkSetUri, Resource publicKey) {}

	/** Where SMART apps get tokens when an external identity provider issues them (published in smart-configuration). */
	public record ExternalAuthorizationServer(
			String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {}
}
