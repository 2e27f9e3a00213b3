package org.immunis.identity.authorization;

import static org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.HashMap;
import java.util.Map;
import org.immunis.identity.IdentityProperties;
import org.immunis.identity.LocalIssuer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The embedded authorization server (Spring Authorization Server): SMART App Launch (authorization code + PKCE, patient
 * picked on the consent page, openid fhirUser, rotated refresh tokens for offline_access, public apps too) and SMART Backend Services (client credentials with a
 * private key JWT). Its signing key is made at start-up, so its tokens do not outlive a restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "immunis.identity.authorization-server.enabled", havingValue = "true")
class AuthorizationServerConfig {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(
			HttpSecurity http,
			AuthorizationServerProperties properties,
			OAuth2AuthorizationService authorizations,
			DirectoryUsers users,
			RegisteredClientRepository clients,
			JWKSource<SecurityContext> keys,
			AssertionReplayGuard replayGuard)
			throws Exception {
		DescribedOAuthErrors errors = new DescribedOAuthErrors();
		OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
		ClientAssertionKeys assertionKeys = new ClientAssertionKeys(properties.clients(), replayGuard);
		http.securityMatcher(server.getEndpointsMatcher())
				.with(server, configurer -> configurer
						.oidc(Customizer.withDefaults())
						.authorizationEndpoint(endpoint -> endpoint.consentPage("/oauth2/consent"))
						.clientAuthentication(authentication -> authentication
								.authenticationConverters(converters -> converters.add(0, new PublicClientRefresh.Converter()))
								.authenticationProviders(providers -> {
									providers.forEach(provider -> {
										if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
											assertions.setJwtDecoderFactory(assertionKeys);
										}
									});
									providers.add(0, new PublicClientRefresh.Provider(clients));
								})
								.errorResponseHandler(errors))
						.tokenEndpoint(endpoint -> endpoint
								.accessTokenResponseHandler(tokenResponse(authorizations))
								.errorResponseHandler(errors)))
				.cors(Customizer.withDefaults())
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.oauth2ResourceServer(resourceServer -> resourceServer.jwt(
						jwt -> jwt.decoder(OAuth2AuthorizationServerConfiguration.jwtDecoder(keys))))
				.addFilterAfter(new LaunchPatientFilter(authorizations, users), SecurityContextHolderFilter.class)
				.addFilterBefore(new AssertionClientIdFilter(), SecurityContextHolderFilter.class)
				.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain loginChain(HttpSecurity http) throws Exception {
		http.securityMatcher(new OrRequestMatcher(antMatcher("/login"), antMatcher("/logout"), antMatcher("/oauth2/consent")))
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.formLogin(login -> login.loginPage("/login").permitAll())
				// a link signs out (the family portal's "Sign out"); signing someone out is all a forged one could do
				.logout(logout -> logout.logoutRequestMatcher(antMatcher(HttpMethod.GET, "/logout")).logoutSuccessUrl("/portal/"));
		return http.build();
	}

	@Bean
	JWKSource<SecurityContext> signingKeys(JdbcTemplate jdbc) throws Exception {
		return new ImmutableJWKSet<>(SharedSigningKey.load(jdbc));
	}

	@Bean
	LocalIssuer localIssuer(AuthorizationServerProperties properties, JWKSource<SecurityContext> keys) {
		return new LocalIssuer(blankToNull(properties.issuer()), keys);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(AuthorizationServerProperties properties) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		String issuer = blankToNull(properties.issuer());
		return (issuer == null ? settings : settings.issuer(issuer)).build();
	}

	@Bean
	RegisteredClientRepository registeredClients(AuthorizationServerProperties properties) {
		// a refresh token is used once: each refresh gets a new one (rotation)
		TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenLifetime())
				.reuseRefreshTokens(false).build();
		return new InMemoryRegisteredClientRepository(
				properties.clients().stream().map(client -> RegisteredClients.of(client, tokens)).toList());
	}

	/**
	 * Authorizations (codes, access and refresh tokens, the launch patient) in the registry's database, Spring
	 * Authorization Server's own table: a code issued by one registry node is redeemed on another, a refresh token
	 * outlives a restart, and a refresh token used once is spent on every node.
	 */
	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	AskEveryLaunchConsentService authorizationConsentService() {
		return new AskEveryLaunchConsentService();
	}

	@Bean
	DirectoryUsers directoryUsers(AuthorizationServerProperties properties) {
		return new DirectoryUsers(properties.users());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(
			JWKSource<SecurityContext> keys, IdentityProperties identity, DirectoryUsers users) {
		JwtGenerator jwt = new JwtGenerator(new NimbusJwtEncoder(keys));
		jwt.setJwtCustomizer(new SmartTokenCustomizer(identity, users));
		return new DelegatingOAuth2TokenGenerator(jwt, new OAuth2AccessTokenGenerator(), new OfflineAccessRefreshTokens());
	}

	// SMART apps learn the patient context from the token response, not only from inside the token.
	private static OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponse(OAuth2AuthorizationService authorizations) {
		OAuth2AccessTokenResponseAuthenticationSuccessHandler handler = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
		handler.setAccessTokenResponseCustomizer(context -> {
			OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
			String token = issued.getAccessToken().getTokenValue();
			OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
			String patient = authorization == null ? null : authorization.getAttribute(SmartTokenCustomizer.LAUNCH_PATIENT);
			if (patient != null && authorization.getAuthorizedScopes().contains("launch/patient")) {
				Map<String, Object> parameters = new HashMap<>(issued.getAdditionalParameters());
				parameters.put("patient", patient);
				context.getAccessTokenResponse().additionalParameters(parameters);
			}
		});
		return handler;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
