package org.immunis.identity.authorization;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A public app (no secret, PKCE) exchanging its refresh token names itself with {@code client_id} only, as OAuth 2.1
 * allows: the refresh token, used once and bound to that client, is the proof. Spring Authorization Server authenticates
 * public clients only at the code exchange.
 */
final class PublicClientRefresh {

	private PublicClientRefresh() {}

	static final class Converter implements AuthenticationConverter {

		@Override
		public Authentication convert(HttpServletRequest request) {
			String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
			boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue()
					.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
			boolean otherProof = request.getHeader(HttpHeaders.AUTHORIZATION) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
					|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null;
			if (!refresh || otherProof || clientId == null || request.getParameterValues(OAuth2ParameterNames.CLIENT_ID).length != 1) {
				return null;
			}
			return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null,
					Map.of(OAuth2ParameterNames.GRANT_TYPE, AuthorizationGrantType.REFRESH_TOKEN.getValue()));
		}
	}

	static final class Provider implements AuthenticationProvider {

		private final RegisteredClientRepository clients;

		Provider(RegisteredClientRepository clients) {
			this.clients = clients;
		}

		@Override
		public Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
			boolean refresh = AuthorizationGrantType.REFRESH_TOKEN.getValue()
					.equals(request.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE));
			if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod()) || !refresh) {
				return null;
			}
			RegisteredClient client = clients.findByClientId((String) request.getPrincipal());
			if (client == null
					|| !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
					|| !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
						"no public app with this client_id may refresh tokens", null));
			}
			return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
		}
	}
}
