package org.immunis.identity.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** SMART Backend Services assertions: RS384 and ES384 with the registered keys, nothing else. */
class ClientAssertionKeysTest {

	private static final String ISSUER = "https://registry.example";
	private static final String TOKEN_ENDPOINT = ISSUER + "/oauth2/token";

	private final RSAKey rsa = generate(() -> new RSAKeyGenerator(2048).keyID("rsa").generate());
	private final ECKey ec = generate(() -> new ECKeyGenerator(Curve.P_384).keyID("ec").generate());
	private final ClientAssertionKeys keys = new ClientAssertionKeys(List.of(client("ehr", rsa, ec)), jwt -> OAuth2TokenValidatorResult.success());

	@BeforeEach
	void tokenEndpointContext() {
		AuthorizationServerSettings settings = AuthorizationServerSettings.builder().issuer(ISSUER).build();
		AuthorizationServerContextHolder.setContext(new AuthorizationServerContext() {
			@Override
			public String getIssuer() {
				return ISSUER;
			}

			@Override
			public AuthorizationServerSettings getAuthorizationServerSettings() {
				return settings;
			}
		});
	}

	@AfterEach
	void clearContext() {
		AuthorizationServerContextHolder.resetContext();
	}

	@Test
	void acceptsAnRs384AssertionSignedWithTheRegisteredKey() throws Exception {
		String assertion = assertion("ehr", JWSAlgorithm.RS384, new RSASSASigner(rsa), TOKEN_ENDPOINT, Duration.ofMinutes(4));

		assertThat(decoder().decode(assertion).getSubject()).isEqualTo("ehr");
	}

	@Test
	void acceptsAnEs384AssertionSignedWithTheRegisteredKey() throws Exception {
		String assertion = assertion("ehr", JWSAlgorithm.ES384, new ECDSASigner(ec), TOKEN_ENDPOINT, Duration.ofMinutes(4));

		assertThat(decoder().decode(assertion).getSubject()).isEqualTo("ehr");
	}

	@Test
	void refusesOtherAlgorithmsKeysAudiencesAndExpiredAssertions() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa").generate();

		for (String assertion : List.of(
				assertion("ehr", JWSAlgorithm.RS256, new RSASSASigner(rsa), TOKEN_ENDPOINT, Duration.ofMinutes(4)),
				assertion("ehr", JWSAlgorithm.RS384, new RSASSASigner(stranger), TOKEN_ENDPOINT, Duration.ofMinutes(4)),
				assertion("ehr", JWSAlgorithm.RS384, new RSASSASigner(rsa), "https://elsewhere/token", Duration.ofMinutes(4)),
				assertion("other", JWSAlgorithm.RS384, new RSASSASigner(rsa), TOKEN_ENDPOINT, Duration.ofMinutes(4)),
				assertion("ehr", JWSAlgorithm.RS384, new RSASSASigner(rsa), TOKEN_ENDPOINT, Duration.ofMinutes(-4)))) {
			assertThatThrownBy(() -> decoder().decode(assertion)).isInstanceOf(JwtException.class);
		}
	}

	@Test
	void theReplayGuardDecidesAfterTheSignatureAndTheClaims() throws Exception {
		ClientAssertionKeys refusing = new ClientAssertionKeys(List.of(client("ehr", rsa, ec)),
				jwt -> OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_client", "already used", null)));
		String assertion = assertion("ehr", JWSAlgorithm.RS384, new RSASSASigner(rsa), TOKEN_ENDPOINT, Duration.ofMinutes(4));

		assertThatThrownBy(() -> refusing.createDecoder(RegisteredClients.of(client("ehr", rsa, ec), TokenSettings.builder().build()))
				.decode(assertion)).isInstanceOf(JwtException.class).hasMessageContaining("already used");
	}

	private org.springframework.security.oauth2.jwt.JwtDecoder decoder() {
		return keys.createDecoder(RegisteredClients.of(client("ehr", rsa, ec), TokenSettings.builder().build()));
	}

	private static String assertion(String issuer, JWSAlgorithm algorithm, JWSSigner signer, String audience, Duration lifetime)
			throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer(issuer)
				.subject(issuer)
				.audience(audience)
				.jwtID(UUID.randomUUID().toString())
				.expirationTime(Date.from(Instant.now().plus(lifetime)))
				.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private static AuthorizationServerProperties.Client client(String id, JWK... keys) {
		byte[] jwks = new JWKSet(List.of(keys)).toPublicJWKSet().toString().getBytes();
		return new AuthorizationServerProperties.Client(
				id, null, new ByteArrayResource(jwks), null, List.of(), List.of("system/*.rs"), "provider", "Organization/1");
	}

	private interface KeyMaker<K> {
		K make() throws Exception;
	}

	private static <K> K generate(KeyMaker<K> maker) {
		try {
			return maker.make();
		} catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
