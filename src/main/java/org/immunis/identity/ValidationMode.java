package org.immunis.identity;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;

/** The mode a {@code $validate} request asks for: in the URL or in the Parameters it sends. */
final class ValidationMode {

	private ValidationMode() {}

	static String of(RequestDetails request) {
		String[] inUrl = request.getParameters().get("mode");
		if (inUrl != null && inUrl.length > 0) {
			return inUrl[0];
		}
		Parameters sent = parametersSent(request);
		if (sent != null && sent.getParameter("mode") != null
				&& sent.getParameter("mode").getValue() instanceof PrimitiveType<?> mode) {
			return mode.getValueAsString();
		}
		return null;
	}

	private static Parameters parametersSent(RequestDetails request) {
		if (request.getResource() instanceof Parameters parameters) {
			return parameters;
		}
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return null;
		}
		String text = new String(body, StandardCharsets.UTF_8).trim();
		if (!text.contains("Parameters")) {
			return null;
		}
		try {
			IBaseResource parsed = text.startsWith("<")
					? request.getFhirContext().newXmlParser().parseResource(text)
					: request.getFhirContext().newJsonParser().parseResource(text);
			return parsed instanceof Parameters parameters ? parameters : null;
		} catch (DataFormatException e) {
			// HAPI answers the body it cannot parse itself
			return null;
		}
	}
}
