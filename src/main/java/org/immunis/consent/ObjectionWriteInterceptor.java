package org.immunis.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.identity.Requester;
import org.immunis.records.RecordTypes;
import org.springframework.stereotype.Component;

/**
 * Every Consent stored is the registry's objection to data sharing ({@link DataSharingObjection}): one that does not fit
 * is refused with 422 and an OperationOutcome naming each offending element. Who may file or withdraw is decided before,
 * by identity's write rules (a provider on the patient's behalf, the registry admin, the patient or guardian). The
 * profile is declared on the stored record. A requester never writes an AuditEvent.
 */
@Component
@Interceptor
class ObjectionWriteInterceptor implements FhirInterceptor {

	private final FhirContext fhirContext;

	ObjectionWriteInterceptor(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = HookOrder.OBJECTION_SHAPE)
	void beforeCreate(IBaseResource resource, RequestDetails request) {
		check(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = HookOrder.OBJECTION_SHAPE)
	void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		check(resource, request);
	}

	@Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED, order = HookOrder.OBJECTION_SHAPE)
	void beforeDelete(IBaseResource resource, RequestDetails request) {
		if (resource instanceof Consent && Requester.of(request).isPresent()) {
			throw new ForbiddenOperationException(
					"Access denied: an objection is withdrawn by updating it to status inactive, never deleted (its history is kept)");
		}
		refuseAuditWrite(resource, request);
	}

	private void check(IBaseResource resource, RequestDetails request) {
		refuseAuditWrite(resource, request);
		if (!(resource instanceof Consent consent)) {
			return;
		}
		List<String> problems = DataSharingObjection.problems(consent);
		if (!problems.isEmpty()) {
			OperationOutcome outcome = new OperationOutcome();
			for (String problem : problems) {
				int colon = problem.indexOf(':');
				outcome.addIssue()
						.setSeverity(OperationOutcome.IssueSeverity.ERROR)
						.setCode(OperationOutcome.IssueType.INVALID)
						.setDiagnostics("Not a data-sharing objection (" + DataSharingObjection.PROFILE + "): " + problem)
						.addExpression(colon > 0 ? problem.substring(0, colon) : "Consent");
			}
			throw new UnprocessableEntityException(fhirContext, outcome);
		}
		if (!consent.getMeta().hasProfile(DataSharingObjection.PROFILE)) {
			consent.getMeta().addProfile(DataSharingObjection.PROFILE);
		}
	}

	private static void refuseAuditWrite(IBaseResource resource, RequestDetails request) {
		if (RecordTypes.isWrittenByTheServerOnly(resource.fhirType()) && Requester.of(request).isPresent()) {
			throw new ForbiddenOperationException("AuditEvents are written by the registry only; they cannot be created, changed or deleted");
		}
	}
}
