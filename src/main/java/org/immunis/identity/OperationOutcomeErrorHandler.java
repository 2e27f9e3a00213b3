package org.immunis.identity;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a request without a valid token (401) or without the right (403) the way Spring Security's bearer token
 * handling does (status and {@code WWW-Authenticate}), with an OperationOutcome as the body, or an HTML page for a
 * browser.
 */
class OperationOutcomeErrorHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
	private final AccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();
	private final FhirContext fhirContext;

	OperationOutcomeErrorHandler(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException, ServletException {
		bearerEntryPoint.commence(request, response, failure);
		if (BrowserPages.wantsHtml(request)) {
			html(response, BrowserPages.errorPage(401, "Please sign in",
					"This page of the registry needs you to sign in through an app."));
			return;
		}
		write(response, OperationOutcome.IssueType.LOGIN, "A valid bearer token is required: " + failure.getMessage());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		bearerAccessDenied.handle(request, response, denied);
		if (BrowserPages.wantsHtml(request)) {
			html(response, BrowserPages.errorPage(403, "Not allowed", "Your sign-in does not allow this."));
			return;
		}
		write(response, OperationOutcome.IssueType.FORBIDDEN, "Access denied: the token does not allow this");
	}

	private static void html(HttpServletResponse response, String page) throws IOException {
		response.setContentType("text/html;charset=UTF-8");
		response.getWriter().write(page);
	}

	private void write(HttpServletResponse response, OperationOutcome.IssueType type, String message) throws IOException {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(message);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
