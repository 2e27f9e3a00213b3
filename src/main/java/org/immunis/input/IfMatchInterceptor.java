package org.immunis.input;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.immunis.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/**
 * An {@code If-Match} header must name a version as FHIR writes it ({@code W/"3"}); anything else is refused with 400
 * before HAPI takes it for a version id.
 */
@Component
@Interceptor
class IfMatchInterceptor implements FhirInterceptor {

	private static final Pattern VERSION_ETAG = Pattern.compile("(W/)?\"[1-9][0-9]{0,17}\"|[1-9][0-9]{0,17}");

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
	boolean checkIfMatch(HttpServletRequest request) {
		String ifMatch = request.getHeader("If-Match");
		if (ifMatch != null && !VERSION_ETAG.matcher(ifMatch.strip()).matches()) {
			throw new InvalidRequestException("If-Match must name a version of the record, as in W/\"3\"");
		}
		return true;
	}
}
