package org.immunis.identity;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors outside the FHIR servlet (the authorization server's pages, unknown paths): an HTML page for a person in a
 * browser, an OperationOutcome for everyone else. Only the registry's own messages are shown, never an exception's.
 */
@RestController
class ErrorPageController implements ErrorController {

	private final FhirContext fhirContext;

	ErrorPageController(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@RequestMapping("/error")
	ResponseEntity<String> error(HttpServletRequest request) {
		HttpStatus status = statusOf(request);
		String explanation = explanationOf(request, status);
		if (BrowserPages.wantsHtml(request)) {
			return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML)
					.body(BrowserPages.errorPage(status.value(), status.getReasonPhrase(), explanation));
		}
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(status.is5xxServerError() ? OperationOutcome.IssueType.EXCEPTION : OperationOutcome.IssueType.PROCESSING)
				.setDiagnostics(explanation);
		return ResponseEntity.status(status).contentType(MediaType.valueOf("application/fhir+json"))
				.body(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
		return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
	}

	// sendError messages are the registry's own words; an exception's message could carry internals.
	private static String explanationOf(HttpServletRequest request, HttpStatus status) {
		Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
		boolean own = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null
				&& message instanceof String text && !text.isBlank();
		if (own && !status.is5xxServerError()) {
			return (String) message;
		}
		return switch (status) {
			case NOT_FOUND -> "There is no such page.";
			case BAD_REQUEST -> "The request was not understood.";
			case FORBIDDEN -> "This is not allowed.";
			case UNAUTHORIZED -> "Please sign in first.";
			default -> status.is5xxServerError() ? "Something went wrong on the registry's side. Please try again later."
					: status.getReasonPhrase();
		};
	}
}
