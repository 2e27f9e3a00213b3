package org.immunis.identity.authorization;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records the patient a person picked on the consent page (the SMART {@code launch/patient} context) on the
 * authorization in progress, after checking that the person acts for that patient. The token customizer reads it from
 * there when it issues tokens, refreshed ones too.
 */
final class LaunchPatientFilter extends OncePerRequestFilter {

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final OAuth2AuthorizationService authorizations;
	private final DirectoryUsers users;

	LaunchPatientFilter(OAuth2AuthorizationService authorizations, DirectoryUsers users) {
		this.authorizations = authorizations;
		this.users = users;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String[] scopes = request.getParameterValues(OAuth2ParameterNames.SCOPE);
		boolean launch = scopes != null && Arrays.asList(scopes).contains("launch/patient");
		return !"POST".equals(request.getMethod())
				|| !"/oauth2/authorize".equals(request.getServletPath())
				|| (request.getParameter("patient") == null && !launch);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String patient = request.getParameter("patient");
		if (patient == null) {
			response.sendError(HttpServletResponse.SC_BAD_REQUEST, "launch/patient needs a patient picked");
			return;
		}
		String state = request.getParameter(OAuth2ParameterNames.STATE);
		OAuth2Authorization authorization = state == null ? null : authorizations.findByToken(state, STATE);
		Authentication person = SecurityContextHolder.getContext().getAuthentication();
		boolean actsFor = authorization != null
				&& person != null
				&& person.getName().equals(authorization.getPrincipalName())
				&& users.find(person.getName()).map(user -> user.patients().contains(patient)).orElse(false);
		if (!actsFor) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN, "not a patient this person acts for");
			return;
		}
		authorizations.save(OAuth2Authorization.from(authorization)
				.attribute(SmartTokenCustomizer.LAUNCH_PATIENT, patient)
				.build());
		chain.doFilter(request, response);
	}
}
