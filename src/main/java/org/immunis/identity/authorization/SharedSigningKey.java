package org.immunis.identity.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded authorization server's token signing key, kept in the registry's database: made by the first server
 * that starts on it, read by every other and after every restart, so a token one registry node issued is valid on
 * all of them and outlives a restart. The private key is as safe as the database that holds the records it guards.
 */
final class SharedSigningKey {

	private static final String TABLE = "immunis_authorization_server_key";

	private SharedSigningKey() {}

	/** The stored key; the first caller on an empty database stores a new one (concurrent first starts agree on one). */
	static JWKSet load(JdbcTemplate jdbc) throws JOSEException, ParseException {
		RSAKey candidate = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		jdbc.update("insert into " + TABLE + " (id, jwk) values (1, ?) on conflict (id) do nothing", candidate.toJSONString());
		String stored = jdbc.queryForObject("select jwk from " + TABLE + " where id = 1", String.class);
		return new JWKSet(RSAKey.parse(stored));
	}
}
