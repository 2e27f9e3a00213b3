package org.immunis.identity.authorization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The embedded authorization server's authorizations (codes, access and refresh tokens, the launch patient) in the
 * registry's database, Spring Authorization Server's own table: a code issued by one registry node is redeemed on
 * another, a refresh token outlives a restart, and a refresh token used once is spent on every node.
 */
final class SharedAuthorizations {

	private static final String SCHEMA = "org/springframework/security/oauth2/server/authorization/oauth2-authorization-schema.sql";

	private SharedAuthorizations() {}

	static OAuth2AuthorizationService service(JdbcTemplate jdbc, RegisteredClientRepository clients) {
		jdbc.execute(postgresSchema());
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	/** The library's table, made idempotent, with PostgreSQL's text for its blobs (as the schema file itself says). */
	private static String postgresSchema() {
		try {
			String schema = new ClassPathResource(SCHEMA).getContentAsString(StandardCharsets.UTF_8);
			return schema.replaceAll("(?s)/\\*.*?\\*/", "")
					.replace("CREATE TABLE oauth2_authorization", "CREATE TABLE IF NOT EXISTS oauth2_authorization")
					.replace(" blob ", " text ");
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
