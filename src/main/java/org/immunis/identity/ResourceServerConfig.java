package org.immunis.identity;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import ca.uhn.fhir.context.FhirContext;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The resource server: every request needs a valid bearer token from a trusted issuer, except the capability statement,
 * the SMART configuration, the health probes, the registry's start page and stylesheet and the patient portal's pages; CORS preflights are
 * answered before any token is asked for ({@link CorsConfig}). Which FHIR interactions a token allows is decided afterwards, by
 * {@link AccessInterceptor}; this chain only decides whether there is a requester at all.
 */
@Configuration(proxyBeanMethods = false)
class ResourceServerConfig {

	@Bean
	RequesterClaims requesterClaims(IdentityProperties properties) {
		return new RequesterClaims(properties.claims());
	}

	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE - 100)
	SecurityFilterChain resourceServerChain(
			HttpSecurity http,
			IdentityProperties properties,
			ObjectProvider<LocalIssuer> localIssuer,
			RequesterClaims requesterClaims,
			FhirContext fhirContext)
			throws Exception {
		OperationOutcomeErrorHandler errors = new OperationOutcomeErrorHandler(fhirContext);
		TrustedIssuerResolver issuers = new TrustedIssuerResolver(properties, localIssuer.getIfAvailable());
		http.authorizeHttpRequests(requests -> requests
						.requestMatchers(
								antMatcher("/fhir/metadata"),
								antMatcher("/.well-known/smart-configuration"),
								antMatcher("/fhir/.well-known/smart-configuration"),
								// the Health Card verification keys (org.immunis.certificate)
								antMatcher("/.well-known/jwks.json"),
								antMatcher("/actuator/health"),
								antMatcher("/actuator/health/**"),
								antMatcher("/error"),
								antMatcher("/"),
								antMatcher("/favicon.ico"),
								antMatcher("/assets/**"),
								// the patient portal: static pages of a SMART app, which sends its own tokens
								antMatcher("/portal"),
								antMatcher("/portal/**"))
						.permitAll()
						.requestMatchers(antMatcher("/actuator/**"))
						.access((authentication, context) -> registryAdmin(authentication, requesterClaims))
						.anyRequest()
						.authenticated())
				.oauth2ResourceServer(resourceServer -> resourceServer
						.authenticationManagerResolver(new JwtIssuerAuthenticationManagerResolver(issuers))
						.authenticationEntryPoint(errors)
						.accessDeniedHandler(errors))
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
				.cors(Customizer.withDefaults())
				// a token, never a session cookie, says who calls; nor does a call change the id of the browser's session at
				// the authorization server (fixation protection would, and parallel calls then lose the person's sign-in)
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
						.sessionFixation(SessionManagementConfigurer.SessionFixationConfigurer::none))
				.csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

	// Metrics show the registry's load and errors; scrape them with a registry-admin token or behind network policy.
	private static AuthorizationDecision registryAdmin(
			Supplier<Authentication> authentication, RequesterClaims requesterClaims) {
		return new AuthorizationDecision(authentication.get() instanceof JwtAuthenticationToken token
				&& requesterClaims.requesterOf(token.getTokenAttributes()).role() == Role.REGISTRY_ADMIN);
	}
}
