package org.immunis;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints bearer tokens for tests with the test issuer's key (src/test/resources/identity), which application-test.yaml
 * trusts. Claims use the default claim names (docs/identity.md).
 */
public final class TestTokens {

	public static final String ISSUER = "https://test-issuer.immunis.invalid";
	private static final PrivateKey ISSUER_KEY = loadKey("/identity/test-issuer-private.pem");

	private final Map<String, Object> claims = new LinkedHashMap<>();
	private String issuer = ISSUER;
	private PrivateKey key = ISSUER_KEY;
	private Duration lifetime = Duration.ofMinutes(5);
	private String keyId;

	private TestTokens(String role) {
		claims.put("sub", "test-" + role);
		claims.put("client_id", "test-client");
		claims.put("aud", List.of("immunis"));
		if (role != null) {
			claims.put("immunis_role", role);
		}
	}

	/** A token for a requester in this role (a claim value such as {@code provider}), to complete with the setters. */
	public static TestTokens as(String role) {
		return new TestTokens(role);
	}

	/** The registry admin with every scope. */
	public static String admin() {
		return as("registry-admin").scopes("user/*.cruds").mint();
	}

	public TestTokens scopes(String... scopes) {
		claims.put("scope", String.join(" ", scopes));
		return this;
	}

	public TestTokens organization(String organization) {
		claims.put("immunis_organization", organization);
		return this;
	}

	public TestTokens patients(String... patients) {
		claims.put("immunis_patients", List.of(patients));
		return this;
	}

	public TestTokens study(String study) {
		claims.put("immunis_study", study);
		return this;
	}

	public TestTokens claim(String name, Object value) {
		claims.put(name, value);
		return this;
	}

	public TestTokens issuer(String issuer) {
		this.issuer = issuer;
		return this;
	}

	/** With this key id in the header, as every real identity provider sends. */
	public TestTokens keyId(String keyId) {
		this.keyId = keyId;
		return this;
	}

	/** Expired since this long ago when negative. */
	public TestTokens lifetime(Duration lifetime) {
		this.lifetime = lifetime;
		return this;
	}

	/** Signed with a key nobody trusts. */
	public TestTokens signedByStranger() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.key = generator.generateKeyPair().getPrivate();
			return this;
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	public String mint() {
		Instant now = Instant.now();
		JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
				.issuer(issuer)
				.jwtID(UUID.randomUUID().toString())
				.issueTime(Date.from(now.minusSeconds(120)))
				.notBeforeTime(Date.from(now.minusSeconds(120)))
				.expirationTime(Date.from(now.plus(lifetime)));
		claims.forEach(set::claim);
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), set.build());
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A SMART Backend Services client assertion (RS384, kid {@code demo-ehr-1}, good for four minutes) signed with the
	 * private key in this PKCS#8 PEM file, for this token endpoint.
	 */
	public static String clientAssertion(String clientId, Path privateKeyPem, String tokenEndpoint) {
		try {
			return clientAssertion(clientId, pkcs8(Files.readString(privateKeyPem)), tokenEndpoint);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** A client assertion as above, signed with this key. */
	public static String clientAssertion(String clientId, PrivateKey key, String tokenEndpoint) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder()
				.issuer(clientId)
				.subject(clientId)
				.audience(tokenEndpoint)
				.jwtID(UUID.randomUUID().toString())
				// Keycloak accepts an assertion good for more than a minute only when it says when it was made
				.issueTime(Date.from(Instant.now()))
				.expirationTime(Date.from(Instant.now().plusSeconds(240)))
				.build();
		SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("demo-ehr-1").build(), claims);
		try {
			assertion.sign(new RSASSASigner(key));
		} catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
		return assertion.serialize();
	}

	static PrivateKey loadKey(String classpathPem) {
		try (InputStream pem = TestTokens.class.getResourceAsStream(classpathPem)) {
			return pkcs8(new String(pem.readAllBytes()));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** An RSA private key from PKCS#8 PEM text. */
	public static PrivateKey pkcs8(String pem) {
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}
}
