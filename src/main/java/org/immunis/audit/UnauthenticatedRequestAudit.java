package org.immunis.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits the FHIR requests refused before any requester is known (401: no bearer token, or one that fails its checks),
 * which never reach the FHIR server's own audit trail: one AuditEvent each, with no user, naming the patients the
 * request asked for, so that a patient's accounting of disclosures also lists the attempts nobody could be named for.
 */
@Configuration(proxyBeanMethods = false)
class UnauthenticatedRequestAudit {

	@Bean
	FilterRegistrationBean<RefusedRequestFilter> unauthenticatedRequestFilter(AuditEventWriter writer) {
		FilterRegistrationBean<RefusedRequestFilter> registration = new FilterRegistrationBean<>(new RefusedRequestFilter(writer));
		registration.addUrlPatterns("/fhir/*");
		// around Spring Security's filters, which answer the 401 themselves
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
	}

	static final class RefusedRequestFilter extends OncePerRequestFilter {

		private final AuditEventWriter writer;

		RefusedRequestFilter(AuditEventWriter writer) {
			this.writer = writer;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(request, response);
			if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
				AuditEventWriter.awaitStored(writer.write(record(request)));
			}
		}

		private static AuditRecord record(HttpServletRequest request) {
			String path = request.getRequestURI().substring(request.getContextPath().length() + "/fhir".length());
			String[] segments = path.replaceFirst("^/", "").split("/");
			String resourceName = segments.length > 0 && !segments[0].isEmpty() ? segments[0] : null;
			String id = segments.length > 1 && !segments[1].startsWith("_") && !segments[1].startsWith("$") ? segments[1] : null;
			List<String> patients = List.copyOf(AuditPatients.askedFor(resourceName, id, request.getParameterMap()));
			return new AuditRecord(null, null, null, null, Set.of(), AuditTrail.UNKNOWN_INTERACTION, "E",
					path.isEmpty() ? "/" : path.substring(1), request.getQueryString(), patients,
					HttpServletResponse.SC_UNAUTHORIZED, "no valid bearer token", Instant.now());
		}
	}
}
