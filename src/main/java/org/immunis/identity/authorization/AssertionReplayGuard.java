package org.immunis.identity.authorization;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * A SMART Backend Services client assertion is good for one token: its {@code jti} is remembered in the database until
 * the assertion expires, so a replay is refused by whichever registry instance it reaches.
 */
@Component
class AssertionReplayGuard implements OAuth2TokenValidator<Jwt> {

	private static final String TABLE = "immunis_used_client_assertion";

	private final JdbcTemplate jdbc;

	AssertionReplayGuard(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt assertion) {
		String jti = assertion.getId();
		if (jti == null || jti.isBlank() || jti.length() > 200) {
			return refused("the client assertion needs a jti of at most 200 characters");
		}
		Instant expires = assertion.getExpiresAt();
		if (expires == null) {
			return refused("the client assertion needs an exp");
		}
		jdbc.update("delete from " + TABLE + " where expires_at < now()");
		int remembered = jdbc.update("insert into " + TABLE + " (client_id, jti, expires_at) values (?, ?, ?) on conflict do nothing",
				assertion.getSubject(), jti, Timestamp.from(expires));
		return remembered == 1 ? OAuth2TokenValidatorResult.success() : refused("this client assertion (its jti) was already used");
	}

	private static OAuth2TokenValidatorResult refused(String why) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, why, null));
	}
}
