package org.immunis.database;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A FHIR request that failed because the database cannot be reached is answered {@code 503 Service Unavailable} with
 * {@code Retry-After}, and an OperationOutcome that says so in the registry's words (never the driver's message).
 */
@Component
@Interceptor
class DatabaseOutageInterceptor implements FhirInterceptor {

	private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageInterceptor.class);
	static final String RETRY_AFTER_SECONDS = "5";

	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = HookOrder.DATABASE_OUTAGE)
	BaseServerResponseException unavailable(Throwable exception) {
		if (!DatabaseOutage.causes(exception)) {
			return null;
		}
		LOG.warn("A request failed because the database cannot be reached: {}", exception.toString());
		UnclassifiedServerFailureException unavailable = new UnclassifiedServerFailureException(503,
				"The registry's database cannot be reached at the moment; the request was not carried out. Please try again shortly.");
		unavailable.addResponseHeader("Retry-After", RETRY_AFTER_SECONDS);
		return unavailable;
	}
}
