package org.immunis.identity.authorization;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Verifies SMART Backend Services client assertions (private key JWT, RS384 or ES384) with the public keys registered
 * for the client: a JWK set file from the configuration, or else its JWK set URL as Spring Authorization Server does.
 * Each assertion is used once ({@link AssertionReplayGuard}).
 */
final class ClientAssertionKeys implements JwtDecoderFactory<RegisteredClient> {

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);

	private final Map<String, JWKSet> registeredKeys = new HashMap<>();
	private final JwtClientAssertionDecoderFactory byJwkSetUrl = new JwtClientAssertionDecoderFactory();
	private final Function<RegisteredClient, OAuth2TokenValidator<Jwt>> validators;

	ClientAssertionKeys(List<AuthorizationServerProperties.Client> clients, OAuth2TokenValidator<Jwt> replayGuard) {
		this.validators = client -> new DelegatingOAuth2TokenValidator<>(
				JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client), replayGuard);
		byJwkSetUrl.setJwtValidatorFactory(validators);
		clients.stream().filter(client -> client.jwks() != null).forEach(client -> registeredKeys.put(client.id(), load(client)));
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		JWKSet keys = registeredKeys.get(client.getClientId());
		if (keys == null) {
			return byJwkSetUrl.createDecoder(client);
		}
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
		processor.setJWTClaimsSetVerifier((claims, context) -> {});
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(validators.apply(client));
		return decoder;
	}

	private static JWKSet load(AuthorizationServerProperties.Client client) {
		try (InputStream json = client.jwks().getInputStream()) {
			return JWKSet.load(json).toPublicJWKSet();
		} catch (IOException | ParseException e) {
			throw new UncheckedIOException("cannot read the JWK set of client " + client.id(),
					e instanceof IOException io ? io : new IOException(e));
		}
	}
}
