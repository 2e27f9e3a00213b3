package org.immunis.certificate;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Set;
import org.immunis.access.AccessDecision;
import org.immunis.access.AccessPolicy;
import org.immunis.access.RecordFacts;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.identity.Interaction;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;

/**
 * Who may get a proof of vaccination: the patient or a guardian, the registry admin, and a provider; schools, boards of
 * health, programs and researchers are refused whatever the patient. A proof discloses the patient's Immunizations, so
 * the requester's scopes must also allow reading them. Runs after the requester is known and its right to read the
 * Patient checked, before the patient is looked up, so the refusal says nothing about the patient.
 */
@Interceptor
final class ProofAccessInterceptor implements FhirInterceptor {

	private static final Set<Role> MAY_GET_PROOF = Set.of(Role.PATIENT, Role.PROVIDER, Role.REGISTRY_ADMIN);

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = HookOrder.PROOF_ACCESS)
	void authorize(RequestDetails request, RestOperationTypeEnum operation) {
		if (request.getOperation() == null || !ProofOperations.ALL.contains(request.getOperation())) {
			return;
		}
		Requester requester = Requester.of(request)
				.orElseThrow(() -> new ForbiddenOperationException("Access denied: a proof of vaccination needs a requester"));
		if (operation != RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE || !"Patient".equals(request.getResourceName())) {
			throw new ForbiddenOperationException("Access denied: " + request.getOperation() + " is an operation on Patient/[id] only");
		}
		if (requester.role() == null || !MAY_GET_PROOF.contains(requester.role())) {
			throw new ForbiddenOperationException("Access denied: a proof of vaccination is for the patient or a guardian,"
					+ " the patient's providers and the registry admin");
		}
		AccessDecision decision = AccessPolicy.decide(requester, Interaction.READ,
				RecordFacts.of("Immunization", request.getId().getIdPart(), null), null);
		if (decision.denied()) {
			throw new ForbiddenOperationException("Access denied: " + decision.reason());
		}
	}
}
