package org.immunis.identity;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which web origins browser apps (SMART apps in JavaScript) may call the registry from: the FHIR API, the SMART
 * configuration and the token endpoint answer them with CORS headers. Tokens travel as bearer headers, never as cookies,
 * so no origin is given credentials.
 *
 * @param allowedOrigins origin patterns ({@code https://app.example}, {@code http://localhost:[*]}, {@code *}); empty:
 *     no browser app from another origin
 */
@ConfigurationProperties("immunis.identity.cors")
public record CorsProperties(List<String> allowedOrigins) {

	public CorsProperties {
		allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
	}

	public boolean enabled() {
		return !allowedOrigins.isEmpty();
	}
}
