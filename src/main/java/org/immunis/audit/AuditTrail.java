package org.immunis.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.fhir.RequestState;
import org.immunis.identity.Requester;
import org.springframework.stereotype.Component;

/**
 * Audits every FHIR request a requester makes (all but {@code metadata}), answered or refused: one AuditEvent per
 * request and patient, stored before the answer leaves, naming who, for whom, the patients whose records were shown or
 * asked for, what, when and the outcome. Patient ids are collected from what the request actually disclosed, after the
 * sharing decision.
 */
@Component
@Interceptor
class AuditTrail implements FhirInterceptor {

	private static final String SHOWN_KEY = AuditTrail.class.getName() + ".patients";
	private static final String DONE_KEY = AuditTrail.class.getName() + ".done";
	static final String UNKNOWN_INTERACTION = "unknown";

	private final AuditEventWriter writer;

	AuditTrail(AuditEventWriter writer) {
		this.writer = writer;
	}

	@Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = HookOrder.DISCLOSURES)
	void shown(RequestDetails request, IPreResourceShowDetails details) {
		if (Requester.of(request).isEmpty()) {
			return;
		}
		Set<String> patients = shownPatients(request);
		for (int i = 0; i < details.size(); i++) {
			IBaseResource resource = details.getResource(i);
			String patient = resource == null ? null : AuditPatients.of(resource);
			if (patient != null) {
				patients.add(patient);
			}
		}
	}

	/** Before the answer leaves: the request's events are stored by then, so an acknowledged request is never unaudited. */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = HookOrder.DISCLOSURES)
	boolean answering(RequestDetails request, ResponseDetails response) {
		record(request, 200, null).ifPresent(AuditEventWriter::awaitStored);
		return true;
	}

	/** An answer HAPI did not pass through {@link #answering} (one an operation wrote itself): audited once it left. */
	@Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
	void completed(RequestDetails request) {
		record(request, 200, null);
	}

	@Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
	boolean failed(RequestDetails request, BaseServerResponseException exception) {
		record(request, exception.getStatusCode(), exception.getMessage()).ifPresent(AuditEventWriter::awaitStored);
		return true;
	}

	private Optional<CompletableFuture<Void>> record(RequestDetails request, int status, String why) {
		Optional<Requester> found = Requester.of(request);
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (found.isEmpty() || operation == RestOperationTypeEnum.METADATA || !RequestState.firstTime(request, DONE_KEY)) {
			return Optional.empty();
		}
		Requester requester = found.get();
		List<String> patients = new ArrayList<>(shownPatients(request));
		if (patients.isEmpty()) {
			patients.addAll(AuditPatients.askedFor(request.getResourceName(),
					request.getId() == null ? null : request.getId().getIdPart(), request.getParameters()));
		}
		if (patients.isEmpty() && request.getResource() != null) {
			patients.addAll(AuditPatients.namedIn(request.getResource()));
		}
		String query = request.getCompleteUrl() != null && request.getCompleteUrl().contains("?")
				? request.getCompleteUrl().substring(request.getCompleteUrl().indexOf('?') + 1) : null;
		// an operation on a record is named with it, so the accounting of disclosures says what was asked for
		String target = request.getId() != null && request.getResourceName() != null
				? request.getResourceName() + "/" + request.getId().getIdPart()
						+ (request.getOperation() != null ? "/" + request.getOperation() : "")
				: request.getRequestPath();
		return Optional.of(writer.write(new AuditRecord(requester.subject(), requester.clientId(),
				requester.role() == null ? null : requester.role().claimValue(), requester.organization(), requester.patients(),
				interaction(operation), action(operation), target, query, patients, status, why, Instant.now())));
	}

	private static Set<String> shownPatients(RequestDetails request) {
		return RequestState.getOrCreate(request, SHOWN_KEY, () -> Collections.synchronizedSet(new LinkedHashSet<String>()));
	}

	private static String interaction(RestOperationTypeEnum operation) {
		return operation == null ? UNKNOWN_INTERACTION : operation.getCode();
	}

	private static String action(RestOperationTypeEnum operation) {
		if (operation == null) {
			return "E";
		}
		switch (operation) {
			case READ:
			case VREAD:
			case HISTORY_INSTANCE:
				return "R";
			case CREATE:
				return "C";
			case UPDATE:
			case PATCH:
			case META_ADD:
			case META_DELETE:
				return "U";
			case DELETE:
				return "D";
			default:
				return "E";
		}
	}

}
