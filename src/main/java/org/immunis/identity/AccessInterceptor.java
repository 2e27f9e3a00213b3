package org.immunis.identity;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.immunis.access.AccessDecision;
import org.immunis.access.AccessPolicy;
import org.immunis.access.RecordFacts;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.fhir.RegistryOperation;
import org.immunis.fhir.RegistryOperations;
import org.immunis.records.RecordType;
import org.immunis.records.RecordTypes;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Before HAPI handles a REST request: derives the {@link Requester} from the verified token, attaches it to the request,
 * and refuses (403) what the {@link AccessPolicy} denies as asked. Writes are decided again per record, transactions
 * included, by {@link WriteAccessInterceptor}.
 */
@Component
@Interceptor
class AccessInterceptor implements FhirInterceptor {

	private final RequesterClaims requesterClaims;
	private final RecordFactsReader facts;

	AccessInterceptor(RequesterClaims requesterClaims, RecordFactsReader facts) {
		this.requesterClaims = requesterClaims;
		this.facts = facts;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = HookOrder.REQUESTER_AND_PERMISSIONS)
	void authorize(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		Requester requester = Requester.of(request).orElseGet(() -> attach(request));
		switch (operation) {
			case READ, VREAD, HISTORY_INSTANCE -> onRecord(requester, request, Interaction.READ);
			case SEARCH_TYPE, HISTORY_TYPE -> search(requester, request);
			case CREATE -> enforce(requester, Interaction.CREATE, RecordFacts.ofType(request.getResourceName()));
			case VALIDATE -> operation(requester, request, request.getId() != null && request.getId().hasIdPart());
			case UPDATE, PATCH -> enforce(requester, Interaction.UPDATE, RecordFacts.ofType(request.getResourceName()));
			case DELETE -> onRecord(requester, request, Interaction.DELETE);
			case EXTENDED_OPERATION_INSTANCE -> operation(requester, request, true);
			case EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_SERVER -> operation(requester, request, false);
			// entries are decided one by one as they are stored; page links only repeat a search already decided
			case TRANSACTION, BATCH, GET_PAGE -> enforceAffiliation(requester);
			default -> adminOnly(requester, operation.getCode());
		}
	}

	private Requester attach(RequestDetails request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new AuthenticationException("A valid bearer token is required");
		}
		Requester requester = requesterClaims.requesterOf(token.getTokenAttributes());
		requester.attachTo(request);
		return requester;
	}

	private void onRecord(Requester requester, RequestDetails request, Interaction interaction) {
		String type = request.getResourceName();
		AccessDecision decision = enforce(requester, interaction, RecordFacts.ofType(type));
		if (decision.verdict() == AccessDecision.Verdict.NEEDS_RECORD) {
			// a conditional interaction names no record: nothing is known of it, so only an unconditional right allows it
			IIdType id = request.getId();
			RecordFacts record = id == null || !id.hasIdPart() ? RecordFacts.absent(type) : facts.storedFacts(type, id);
			enforce(requester, interaction, record);
		}
	}

	// A search by a requester bound to patients must name them with the type's patient parameter.
	private void search(Requester requester, RequestDetails request) {
		String type = request.getResourceName();
		AccessDecision decision = enforce(requester, Interaction.SEARCH, RecordFacts.ofType(type));
		if (decision.verdict() != AccessDecision.Verdict.NEEDS_RECORD) {
			return;
		}
		List<String> patients = RecordTypes.of(type).flatMap(RecordType::patientParameter)
				.map(name -> request.getParameters().getOrDefault(name, new String[0]))
				.map(values -> Arrays.stream(values).flatMap(value -> Arrays.stream(value.split(","))).toList())
				.orElse(List.of());
		if (patients.isEmpty() || request.getParameters().containsKey("_has")) {
			throw forbidden("a search must name the patient with its "
					+ RecordTypes.of(type).flatMap(RecordType::patientParameter).orElse("patient") + " parameter");
		}
		patients.forEach(patient -> enforce(requester, Interaction.SEARCH,
				RecordFacts.of(type, patient.substring(patient.lastIndexOf('/') + 1), null)));
	}

	private void operation(Requester requester, RequestDetails request, boolean onInstance) {
		String name = request.getRestOperationType() == RestOperationTypeEnum.VALIDATE && request.getOperation() == null
				? RegistryOperations.VALIDATE : request.getOperation();
		RegistryOperation offered = RegistryOperations.of(name)
				.orElseThrow(() -> forbidden(name + " is not an operation the registry offers"));
		switch (offered.decision()) {
			case ADMIN_ONLY -> adminOnly(requester, offered.name());
			case AS_THE_VALIDATED_INTERACTION -> validation(requester, request);
			case DECIDED_RECORD_BY_RECORD -> {
				if (onInstance && offered.resourceType().equals(request.getResourceName())) {
					onRecord(requester, request, offered.interaction());
				} else {
					Interaction onType = offered.interaction() == Interaction.READ ? Interaction.SEARCH : offered.interaction();
					enforce(requester, onType, RecordFacts.ofType(offered.resourceType()));
				}
			}
		}
	}

	// $validate needs the right the validated interaction would need; mode=delete names a record
	private void validation(Requester requester, RequestDetails request) {
		Interaction validated = RegistryOperations.validation(ValidationMode.of(request));
		if (validated == Interaction.DELETE) {
			if (request.getId() == null || !request.getId().hasIdPart()) {
				throw forbidden("$validate with mode=delete names the record it would delete");
			}
			onRecord(requester, request, Interaction.DELETE);
		} else {
			enforce(requester, validated, RecordFacts.ofType(request.getResourceName()));
		}
	}

	private static void enforceAffiliation(Requester requester) {
		String unusable = AccessPolicy.whyUnusable(requester);
		if (unusable != null) {
			throw forbidden(unusable);
		}
	}

	private static void adminOnly(Requester requester, String what) {
		if (requester.role() != Role.REGISTRY_ADMIN) {
			throw forbidden(what + " is for the registry admin only");
		}
	}

	private static AccessDecision enforce(Requester requester, Interaction interaction, RecordFacts record) {
		AccessDecision decision = AccessPolicy.decide(requester, interaction, record, null);
		if (decision.denied()) {
			throw forbidden(decision.reason());
		}
		return decision;
	}

	static ForbiddenOperationException forbidden(String reason) {
		return new ForbiddenOperationException("Access denied: " + reason);
	}
}
