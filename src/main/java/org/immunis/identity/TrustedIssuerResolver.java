package org.immunis.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Picks the token verifier by the token's issuer: one per configured trusted issuer, plus the embedded authorization
 * server. A token from any other issuer is refused.
 */
class TrustedIssuerResolver implements AuthenticationManagerResolver<String> {

	private static final Set<JWSAlgorithm> PUBLIC_KEY_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

	private final Map<String, AuthenticationManager> configured = new LinkedHashMap<>();
	private final LocalIssuer local;
	private final AuthenticationManager localManager;

	TrustedIssuerResolver(IdentityProperties properties, LocalIssuer local) {
		OAuth2TokenValidator<Jwt> audience = audienceValidator(properties.audiences());
		properties.trustedIssuers().forEach(trusted -> configured.put(trusted.issuer(), manager(decoder(trusted, audience))));
		this.local = local;
		this.localManager = local == null ? null : manager(localDecoder(local, audience));
	}

	@Override
	public AuthenticationManager resolve(String issuer) {
		AuthenticationManager manager = configured.get(issuer);
		if (manager == null && local != null && issuer.equals(localIssuerName())) {
			return localManager;
		}
		return manager;
	}

	private String localIssuerName() {
		if (local.issuer() != null && !local.issuer().isBlank()) {
			return local.issuer();
		}
		// Like the embedded authorization server itself, name the issuer after the URL this request came in on.
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes
				? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
				: null;
	}

	private static NimbusJwtDecoder decoder(IdentityProperties.TrustedIssuer trusted, OAuth2TokenValidator<Jwt> audience) {
		NimbusJwtDecoder decoder;
		if (trusted.publicKey() != null) {
			decoder = publicKeyDecoder(publicKey(trusted));
		} else if (trusted.jwkSetUri() != null && !trusted.jwkSetUri().isBlank()) {
			decoder = NimbusJwtDecoder.withJwkSetUri(trusted.jwkSetUri())
					.jwsAlgorithms(algorithms -> algorithms.addAll(List.of(
							SignatureAlgorithm.RS256, SignatureAlgorithm.RS384, SignatureAlgorithm.ES256, SignatureAlgorithm.ES384)))
					.build();
		} else {
			decoder = NimbusJwtDecoder.withIssuerLocation(trusted.issuer()).build();
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(trusted.issuer()), audience));
		return decoder;
	}

	private static NimbusJwtDecoder publicKeyDecoder(RSAPublicKey key) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		// A PEM key has no key id, so the header's kid (which every real identity provider sends) cannot select it:
		// the configured key is the one key of this issuer, whatever kid the header names.
		processor.setJWSKeySelector((header, context) -> PUBLIC_KEY_ALGORITHMS.contains(header.getAlgorithm())
				? List.of(key)
				: List.of());
		// claims are checked by the validators set on the decoder
		processor.setJWTClaimsSetVerifier((claims, context) -> {});
		return new NimbusJwtDecoder(processor);
	}

	private static NimbusJwtDecoder localDecoder(LocalIssuer local, OAuth2TokenValidator<Jwt> audience) {
		NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(local.keys());
		// The issuer itself was matched when this decoder was picked.
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), audience));
		return decoder;
	}

	private static OAuth2TokenValidator<Jwt> audienceValidator(List<String> audiences) {
		return new JwtClaimValidator<List<String>>(
				"aud", aud -> aud != null && aud.stream().anyMatch(audiences::contains));
	}

	private static RSAPublicKey publicKey(IdentityProperties.TrustedIssuer trusted) {
		try (InputStream pem = trusted.publicKey().getInputStream()) {
			return RsaKeyConverters.x509().convert(pem);
		} catch (IOException e) {
			throw new UncheckedIOException("cannot read the public key of issuer " + trusted.issuer(), e);
		}
	}

	private static AuthenticationManager manager(NimbusJwtDecoder decoder) {
		return new JwtAuthenticationProvider(decoder)::authenticate;
	}
}
