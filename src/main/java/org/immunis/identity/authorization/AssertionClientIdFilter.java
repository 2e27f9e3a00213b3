package org.immunis.identity.authorization;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.ParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SMART Backend Services clients send no {@code client_id} with their signed assertion (RFC 7523 makes it optional), but
 * Spring Authorization Server requires it: take it from the assertion's issuer. The assertion is still verified in full,
 * with that client's registered keys, and its issuer and subject must both be that client.
 */
final class AssertionClientIdFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"/oauth2/token".equals(request.getServletPath())
				|| request.getParameter("client_assertion") == null
				|| request.getParameter("client_id") != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String issuer;
		try {
			issuer = JWTParser.parse(request.getParameter("client_assertion")).getJWTClaimsSet().getIssuer();
		} catch (ParseException e) {
			issuer = null;
		}
		if (issuer == null) {
			chain.doFilter(request, response);
			return;
		}
		Map<String, String[]> parameters = new HashMap<>(request.getParameterMap());
		parameters.put("client_id", new String[] {issuer});
		chain.doFilter(new HttpServletRequestWrapper(request) {
			@Override
			public String getParameter(String name) {
				String[] values = parameters.get(name);
				return values == null ? null : values[0];
			}

			@Override
			public Map<String, String[]> getParameterMap() {
				return Collections.unmodifiableMap(parameters);
			}

			@Override
			public Enumeration<String> getParameterNames() {
				return Collections.enumeration(parameters.keySet());
			}

			@Override
			public String[] getParameterValues(String name) {
				return parameters.get(name);
			}
		}, response);
	}
}
