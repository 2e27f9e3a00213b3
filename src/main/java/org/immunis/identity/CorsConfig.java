package org.immunis.identity;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.util.UrlPathHelper;

/**
 * CORS as the SMART App Launch guide asks of a server for browser apps: discovery ({@code /.well-known/**}), the token
 * endpoint and the FHIR API. Both security chains use this source, so a preflight is answered before any token is asked
 * for.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

	static final List<String> PATHS = List.of("/fhir/**", "/.well-known/**", "/oauth2/token", "/oauth2/jwks");

	static final String HEALTH_CARD_KEYS = "/.well-known/jwks.json";

	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		// match the whole path: within the FHIR servlet (/fhir/*) the lookup path would lose its /fhir
		UrlPathHelper paths = new UrlPathHelper();
		paths.setAlwaysUseFullPath(true);
		source.setUrlPathHelper(paths);
		// first match wins: the Health Card issuer's public keys are for any verifier's page, whatever the allowed origins
		source.registerCorsConfiguration(HEALTH_CARD_KEYS, anyOriginMayRead());
		if (!properties.enabled()) {
			return source;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(properties.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of("*"));
		cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified", "WWW-Authenticate",
				"Content-Disposition"));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofHours(1));
		PATHS.forEach(path -> source.registerCorsConfiguration(path, cors));
		return source;
	}

	private static CorsConfiguration anyOriginMayRead() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOrigin("*");
		cors.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
		cors.setMaxAge(Duration.ofHours(1));
		return cors;
	}
}
