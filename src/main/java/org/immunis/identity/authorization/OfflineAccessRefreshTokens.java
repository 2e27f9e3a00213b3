package org.immunis.identity.authorization;

import java.time.Instant;
import java.util.Base64;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Refresh tokens only for apps granted SMART's {@code offline_access} (or {@code online_access}), public apps too: SMART
 * lets a browser app keep its session, and every refresh token is used once (rotated, {@code reuse-refresh-tokens}
 * off), as OAuth 2.1 asks for public clients. Spring's own generator gives public clients none.
 */
final class OfflineAccessRefreshTokens implements OAuth2TokenGenerator<OAuth2RefreshToken> {

	private final StringKeyGenerator values = new Base64StringKeyGenerator(Base64.getUrlEncoder().withoutPadding(), 96);

	@Override
	public OAuth2RefreshToken generate(OAuth2TokenContext context) {
		boolean asked = context.getAuthorizedScopes().contains("offline_access")
				|| context.getAuthorizedScopes().contains("online_access");
		if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType()) || !asked) {
			return null;
		}
		Instant issuedAt = Instant.now();
		return new OAuth2RefreshToken(values.generateKey(), issuedAt,
				issuedAt.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
	}
}
