package org.immunis.identity;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.immunis.access.AccessPolicy;
import org.immunis.access.RecordFacts;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.springframework.stereotype.Component;

/**
 * The last line: of the records a request is about to return (search matches, includes, transaction reads), removes
 * each the requester may not read, e.g. another patient's record reached through an include. Denies by default: a
 * request without a requester is shown nothing; only the server's own work ({@link SystemRequestDetails}) is not filtered.
 */
@Component
@Interceptor
class ShownRecordsFilter implements FhirInterceptor {


	@Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = HookOrder.ROLE_FILTER)
	void beforeShow(IPreResourceShowDetails shown, RequestDetails request) {
		if (request instanceof SystemRequestDetails) {
			return;
		}
		Optional<Requester> requester = Requester.of(request);
		for (int i = 0; i < shown.size(); i++) {
			IBaseResource resource = shown.getResource(i);
			// deny by default: without a requester nothing is shown
			if (resource != null && (requester.isEmpty() || !mayAskFor(requester.get(), resource))) {
				shown.setResource(i, null);
			}
		}
	}

	// as if the requester had read it by its id: the patient's sharing choice is applied when it is shown (SharingEnforcement)
	private static boolean mayAskFor(Requester requester, IBaseResource resource) {
		return AccessPolicy.decide(requester, Interaction.READ, RecordFacts.of(resource), null).allowed();
	}
}
