package org.immunis.input;

import java.io.IOException;
import java.io.PrintWriter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own refusals, made before any servlet runs (a header or a query string larger than Tomcat reads, an encoded
 * {@code /} in the path), answered with an OperationOutcome rather than Tomcat's HTML page. Errors of the application
 * are answered by the registry itself and never reach this.
 */
final class OperationOutcomeErrorReportValve extends ErrorReportValve {

	private final OutcomeResponse outcomes;

	OperationOutcomeErrorReportValve(OutcomeResponse outcomes) {
		this.outcomes = outcomes;
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			response.setContentType("application/fhir+json");
			response.setCharacterEncoding("UTF-8");
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(outcomes.json(status, explanation(status)));
				response.finishResponse();
			}
		} catch (IOException | IllegalStateException e) {
			// the client is gone or the response cannot take a body any more: the status has been sent
		}
	}

	private static String explanation(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return switch (status) {
			case 400 -> "The request was refused before it was read: its request line or headers are too large (at most"
					+ " 8 KB together, query string included), or its path is not allowed (an encoded '/' or '\\', '..')."
					+ " Send long searches as POST [type]/_search with a form body.";
			case 413 -> "The request is larger than the registry accepts.";
			default -> known != null ? known.getReasonPhrase() : "The request was refused";
		};
	}
}
