package org.immunis.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /.well-known/smart-configuration} (SMART App Launch 2.x), at the server root and under the FHIR base, where
 * SMART apps look for it; served ahead of the FHIR servlet, which owns every path under {@code /fhir}.
 */
@Component
class SmartConfigurationFilter extends OncePerRequestFilter {

	static final List<String> SCOPES_SUPPORTED = List.of(
			"openid", "fhirUser", "launch/patient", "offline_access",
			"patient/Immunization.rs", "patient/Immunization.read", "patient/Patient.rs", "patient/Patient.read",
			"patient/ImmunizationRecommendation.rs", "patient/*.rs", "patient/*.read",
			"user/*.cruds", "user/*.rs", "user/*.*", "user/*.read", "user/*.write",
			"system/*.cruds", "system/*.rs", "system/*.read", "system/*.*");

	private static final Set<String> PATHS = Set.of("/.well-known/smart-configuration", "/fhir/.well-known/smart-configuration");

	private final SmartEndpoints endpoints;
	private final ObjectMapper json = new ObjectMapper();

	SmartConfigurationFilter(SmartEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) || !PATHS.contains(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		SmartEndpoints.Endpoints server = endpoints.of(request);
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("issuer", server.issuer());
		configuration.put("jwks_uri", server.jwks());
		configuration.put("authorization_endpoint", server.authorize());
		configuration.put("token_endpoint", server.token());
		configuration.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
		configuration.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic", "none"));
		configuration.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
		configuration.put("scopes_supported", SCOPES_SUPPORTED);
		configuration.put("response_types_supported", List.of("code"));
		configuration.put("code_challenge_methods_supported", List.of("S256"));
		configuration.put("capabilities", List.of(
				"launch-standalone", "client-public", "client-confidential-symmetric", "client-confidential-asymmetric",
				"context-standalone-patient", "sso-openid-connect", "permission-offline", "permission-patient",
				"permission-user", "permission-v1", "permission-v2",
				// SMART Health Cards: Patient/[id]/$health-cards-issue (org.immunis.certificate)
				"health-cards"));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		json.writeValue(response.getOutputStream(), configuration);
	}
}
