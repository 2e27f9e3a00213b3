package org.immunis.storage;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.springframework.stereotype.Component;

/**
 * The registry keeps no full-text index (one per node would disagree between nodes and could miss acknowledged writes
 * after a crash): a search by {@code _content} or {@code _text} is refused with 400 in the registry's words.
 */
@Component
@Interceptor
class FullTextSearchRefusal implements FhirInterceptor {

	private static final Set<String> FULL_TEXT_PARAMETERS = Set.of("_content", "_text");

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = HookOrder.UNOFFERED_SEARCHES)
	void refuseFullText(RequestDetails request) {
		boolean fullText = request.getParameters().keySet().stream()
				.anyMatch(name -> FULL_TEXT_PARAMETERS.contains(name.split(":", 2)[0]));
		if (fullText) {
			throw new InvalidRequestException("The registry offers no full-text search (_content, _text): search by"
					+ " the record's parameters instead, such as family, given, birthdate or identifier");
		}
	}
}
