package org.immunis.identity;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseCoding;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.immunis.access.AccessDecision;
import org.immunis.access.AccessPolicy;
import org.immunis.access.RecordFacts;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.records.RecordTypes;
import org.springframework.stereotype.Component;

/**
 * Decides every write record by record, just before it is stored, whether it came alone or in a transaction, and keeps
 * the ownership stamp the server's: set at create to the requester's organization, unchanged by updates, never set by a
 * client (a forged stamp is refused with 403). Runs before the record rules, so a refused write reveals nothing.
 */
@Component
@Interceptor
class WriteAccessInterceptor implements FhirInterceptor {

	private final FhirContext fhirContext;

	WriteAccessInterceptor(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = HookOrder.WRITE_ACCESS)
	void beforeCreate(IBaseResource resource, RequestDetails request) {
		Optional<Requester> requester = requesterOf(request);
		if (requester.isEmpty()) {
			return;
		}
		String type = fhirContext.getResourceType(resource);
		RecordFacts created = RecordFacts.of(type, RecordTypes.patientOf(resource), null);
		enforce(requester.get(), Interaction.CREATE, created);
		String claimed = RecordOwnership.recordedBy(resource);
		String organization = requester.get().organizationId();
		if (requester.get().role() == Role.REGISTRY_ADMIN) {
			// the registry admin may migrate records with their original stamp
			RecordOwnership.replaceStamp(resource, claimed != null ? claimed : organization);
			return;
		}
		refuseForgery(resource, organization);
		RecordOwnership.replaceStamp(resource, organization);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = HookOrder.WRITE_ACCESS)
	void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		Optional<Requester> requester = requesterOf(request);
		String stamp = RecordOwnership.recordedBy(previous);
		if (requester.isPresent()) {
			RecordFacts before = RecordFacts.of(previous);
			enforce(requester.get(), Interaction.UPDATE, before);
			enforce(requester.get(), Interaction.UPDATE, before.aboutPatient(RecordTypes.patientOf(resource)));
			if (requester.get().role() != Role.REGISTRY_ADMIN) {
				refuseForgery(resource, stamp);
			}
		}
		boolean adminRestamps = requester.map(Requester::role).orElse(null) == Role.REGISTRY_ADMIN
				&& RecordOwnership.recordedBy(resource) != null;
		if (!adminRestamps) {
			RecordOwnership.replaceStamp(resource, stamp);
		}
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = HookOrder.WRITE_ACCESS)
	void beforeDelete(IBaseResource resource, RequestDetails request) {
		requesterOf(request).ifPresent(requester -> enforce(requester, Interaction.DELETE, RecordFacts.of(resource)));
	}

	// A client may repeat the stamp the record already has, but never name another organization.
	private static void refuseForgery(IBaseResource resource, String allowed) {
		boolean forged = RecordOwnership.stamps(resource).stream()
				.map(IBaseCoding::getCode)
				.anyMatch(code -> !Objects.equals(code, allowed));
		if (forged) {
			throw AccessInterceptor.forbidden("the recording organization (" + RecordOwnership.SYSTEM
					+ ") is set by the registry, not by the client");
		}
	}

	// Work the server does for itself carries no requester; a client's request always does.
	private static Optional<Requester> requesterOf(RequestDetails request) {
		Optional<Requester> requester = Requester.of(request);
		if (requester.isEmpty() && request != null && !(request instanceof SystemRequestDetails)) {
			throw AccessInterceptor.forbidden("the request has no requester");
		}
		return requester;
	}

	private static void enforce(Requester requester, Interaction interaction, RecordFacts record) {
		AccessDecision decision = AccessPolicy.decide(requester, interaction, record, null);
		if (!decision.allowed()) {
			throw AccessInterceptor.forbidden(decision.reason());
		}
	}
}
