package org.immunis.identity.authorization;

import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/** Refresh tokens only for apps granted SMART's {@code offline_access} (or {@code online_access}). */
final class OfflineAccessRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final OAuth2RefreshTokenGenerator refreshTokens = new OAuth2RefreshTokenGenerator();

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		boolean asked = context.getAuthorizedScopes().contains("offline_access")
				|| context.getAuthorizedScopes().contains("online_access");
		return OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType()) && asked ? refreshTokens.generate(context) : null;
	}
}
