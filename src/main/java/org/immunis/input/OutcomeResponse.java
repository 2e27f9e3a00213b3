package org.immunis.input;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;

/** An answer with an OperationOutcome of the registry's own words, for refusals made before HAPI sees the request. */
final class OutcomeResponse {

	private final FhirContext fhirContext;

	OutcomeResponse(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	String json(int status, String diagnostics) {
		OperationOutcome outcome = new OperationOutcome();
		outcome.addIssue()
				.setSeverity(OperationOutcome.IssueSeverity.ERROR)
				.setCode(status == 413 ? OperationOutcome.IssueType.TOOLONG
						: status >= 500 ? OperationOutcome.IssueType.EXCEPTION : OperationOutcome.IssueType.INVALID)
				.setDiagnostics(diagnostics);
		return fhirContext.newJsonParser().encodeResourceToString(outcome);
	}

	void send(HttpServletResponse response, int status, String diagnostics) throws IOException {
		response.setStatus(status);
		response.setContentType("application/fhir+json;charset=UTF-8");
		response.getWriter().write(json(status, diagnostics));
	}
}
