package org.immunis.identity.authorization;

import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** Turns a configured client into Spring Authorization Server's registration. */
final class RegisteredClients {

	/** Client settings under which a system client's role and organization travel to the token customizer. */
	static final String ROLE = "immunis.role";
	static final String ORGANIZATION = "immunis.organization";

	private RegisteredClients() {}

	static RegisteredClient of(AuthorizationServerProperties.Client client, TokenSettings tokenSettings) {
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.nameUUIDFromBytes(client.id().getBytes()).toString())
				.clientId(client.id())
				.scopes(scopes -> scopes.addAll(client.scopes()))
				.tokenSettings(tokenSettings);
		ClientSettings.Builder settings = ClientSettings.builder();
		if (client.secret() != null && !client.secret().isBlank()) {
			builder.clientSecret(client.secret()).clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
					.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		if (client.jwks() != null || client.jwksUri() != null) {
			builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
			settings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384);
			if (client.jwksUri() != null) {
				settings.jwkSetUrl(client.jwksUri());
			}
		}
		if (client.redirectUris().isEmpty()) {
			builder.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
			if (client.role() != null) {
				settings.setting(ROLE, client.role());
			}
			if (client.organization() != null) {
				settings.setting(ORGANIZATION, client.organization());
			}
		} else {
			builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
					.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
					.redirectUris(uris -> uris.addAll(client.redirectUris()));
			if (client.secret() == null || client.secret().isBlank()) {
				builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
			}
			// the person picks the patient on the consent page
			settings.requireProofKey(true).requireAuthorizationConsent(true);
		}
		return builder.clientSettings(settings.build()).build();
	}
}
