package org.immunis.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOperationStatusEnum;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.immunis.access.AccessDecision;
import org.immunis.access.AccessPolicy;
import org.immunis.access.PatientSharing;
import org.immunis.access.RecordFacts;
import org.immunis.identity.Interaction;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.fhir.RequestState;
import org.immunis.records.RecordTypes;
import org.springframework.stereotype.Component;

/**
 * HAPI's side of the sharing decision. As an {@link IConsentService} (in HAPI's ConsentInterceptor, mounted on the
 * REST endpoint) it answers for every record a request touches: {@code canSeeResource} before paging, so
 * pages stay full, and {@code willSeeResource} on the way out, which also decides page links fetched later by someone
 * else and gives the requester its {@link OutgoingView} of each record it may see. As an interceptor it loads, ahead of
 * those per-record calls, what the decision needs of all the patients a batch of records is about and of the records
 * they refer to, in one query per batch. Denies by default: only the server's own work ({@link SystemRequestDetails})
 * goes unfiltered; a request without a requester sees nothing.
 */
@Component
@Interceptor
public class SharingEnforcement implements IConsentService, FhirInterceptor {

	private static final String CONTEXT_KEY = SharingEnforcement.class.getName();
	/** Marks a request that only writes: what it shows is what the requester itself just wrote. */
	static final String WRITES_ONLY_KEY = SharingEnforcement.class.getName() + ".writesOnly";

	private static final Set<RestOperationTypeEnum> PAGED_INTERACTIONS = Set.of(RestOperationTypeEnum.SEARCH_TYPE,
			RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.HISTORY_TYPE,
			RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_SYSTEM);

	private final PatientSharingLookup lookup;
	private final ReferencedRecords referenced;
	private final FhirContext fhirContext;

	SharingEnforcement(PatientSharingLookup lookup, ReferencedRecords referenced, FhirContext fhirContext) {
		this.lookup = lookup;
		this.referenced = referenced;
		this.fhirContext = fhirContext;
	}

	@Override
	public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices services) {
		if (isServersOwnWork(request)) {
			return ConsentOutcome.AUTHORIZED;
		}
		Optional<Requester> requester = Requester.of(request);
		if (requester.isEmpty()) {
			return ConsentOutcome.REJECT;
		}
		return requester.get().role() == Role.REGISTRY_ADMIN ? ConsentOutcome.AUTHORIZED : ConsentOutcome.PROCEED;
	}

	@Override
	public ConsentOutcome canSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		if (resource == null) {
			return ConsentOutcome.PROCEED;
		}
		return shows(request, resource) ? ConsentOutcome.PROCEED : ConsentOutcome.REJECT;
	}

	@Override
	public ConsentOutcome willSeeResource(RequestDetails request, IBaseResource resource, IConsentContextServices services) {
		if (isPageOfDecidedRecords(request, resource)) {
			// HAPI would otherwise walk every element of the page again to find records inside records; a record's
			// contained resources are part of that record, decided with it
			return ConsentOutcome.AUTHORIZED;
		}
		if (isDecidedReport(request, resource)) {
			// $evaluate-measure decided every record it counts or lists (PopulationSharing); the lists it contains name
			// only those patients, and HAPI would otherwise reject them as records of an unknown kind
			return ConsentOutcome.AUTHORIZED;
		}
		if (resource == null) {
			return ConsentOutcome.PROCEED;
		}
		if (!shows(request, resource)) {
			return ConsentOutcome.REJECT;
		}
		RequestSharing context = context(request);
		if (context != null && resource instanceof Bundle response) {
			// HAPI shows each entry's outcome next, one by one: decide every record they name in one query per type
			context.prefetch(entryOutcomes(response));
		}
		boolean message = resource instanceof OperationOutcome;
		if (context == null || (RequestState.has(request, WRITES_ONLY_KEY) && !message)) {
			// what a write shows is what the requester wrote; the outcomes of its entries are messages like any other
			return ConsentOutcome.PROCEED;
		}
		if (resource instanceof Parameters answer && isComputedAnswer(request, answer)) {
			// each record the operation computed is shown as its view, here, so that HAPI does not walk the whole answer
			// again to hand each of them over one by one
			showViewsOfComputedRecords(answer.getParameter(), context);
			return ConsentOutcome.AUTHORIZED;
		}
		IBaseResource view = OutgoingView.of(fhirContext, resource, context::isVisible);
		if (view == null) {
			return ConsentOutcome.REJECT;
		}
		return view == resource ? ConsentOutcome.PROCEED : new ConsentOutcome(ConsentOperationStatusEnum.PROCEED, view);
	}

	/**
	 * The requester's view of an error, for every requester but the registry admin: a record that is not known or gone
	 * answers exactly as an unknown id, and the message (and its OperationOutcome) names no record the requester may not
	 * see besides those the request itself names.
	 */
	@Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = HookOrder.ERROR_VIEW)
	public BaseServerResponseException errorView(RequestDetails request, Throwable exception) {
		Optional<Requester> requester = Requester.of(request);
		if (requester.isEmpty() || requester.get().role() == Role.REGISTRY_ADMIN) {
			return null;
		}
		IIdType named = request.getId() != null && request.getId().hasIdPart() && request.getResourceName() != null
				? new IdType(request.getResourceName(), request.getId().getIdPart()) : null;
		if (named != null && (exception instanceof ResourceNotFoundException || exception instanceof ResourceGoneException)) {
			return ReadPathGuard.notKnown(named);
		}
		if (!(exception instanceof BaseServerResponseException error)) {
			return null;
		}
		RequestSharing context = context(request);
		Set<String> namedByRequest = namedByRequest(request);
		Predicate<String> visible = record -> namedByRequest.contains(record) || context.isVisible(record);
		String message = OutgoingView.message(error.getMessage(), visible);
		OperationOutcome outcome = error.getOperationOutcome() instanceof OperationOutcome sent
				? OutgoingView.outcome(sent, visible) : null;
		if (Objects.equals(message, error.getMessage()) && outcome == error.getOperationOutcome()) {
			return null;
		}
		BaseServerResponseException view = BaseServerResponseException.newInstance(error.getStatusCode(), message);
		view.setOperationOutcome(outcome);
		return view;
	}

	/**
	 * An operation's answer that holds only records the operation computed (no id: shown as they are, apart from their
	 * references) with nothing inside them, and no value that could refer to a record: the forecast's evaluations and
	 * recommendation. Anything else is left to HAPI's walk, record by record.
	 */
	private static boolean isComputedAnswer(RequestDetails request, Parameters answer) {
		return request.getOperation() != null && onlyComputedRecords(answer.getParameter());
	}

	private static boolean onlyComputedRecords(List<Parameters.ParametersParameterComponent> parameters) {
		for (Parameters.ParametersParameterComponent parameter : parameters) {
			if (parameter.hasValue() && !parameter.getValue().isPrimitive()) {
				return false;
			}
			Resource record = parameter.getResource();
			if (record != null && (record.getIdElement().hasIdPart() || record instanceof Bundle || record instanceof Parameters
					|| record instanceof DomainResource domain && domain.hasContained())) {
				return false;
			}
			if (!onlyComputedRecords(parameter.getPart())) {
				return false;
			}
		}
		return true;
	}

	// as HAPI's walk would: each record replaced by its view, or taken out when it cannot be shown
	private void showViewsOfComputedRecords(List<Parameters.ParametersParameterComponent> parameters, RequestSharing context) {
		for (Parameters.ParametersParameterComponent parameter : parameters) {
			if (parameter.getResource() != null) {
				parameter.setResource((Resource) OutgoingView.of(fhirContext, parameter.getResource(), context::isVisible));
			}
			showViewsOfComputedRecords(parameter.getPart(), context);
		}
	}

	// the records the request itself names (in its URL or its body): their ids are the requester's own words
	private static Set<String> namedByRequest(RequestDetails request) {
		Set<String> named = new HashSet<>(OutgoingView.recordsNamedIn(request.getCompleteUrl()));
		byte[] body = request.loadRequestContents();
		if (body != null && body.length > 0) {
			named.addAll(OutgoingView.recordsNamedIn(new String(body, StandardCharsets.UTF_8)));
		}
		if (request.getId() != null && request.getId().hasIdPart() && request.getResourceName() != null) {
			named.add(request.getResourceName() + "/" + request.getId().getIdPart());
		}
		return named;
	}

	private static boolean isServersOwnWork(RequestDetails request) {
		return request instanceof SystemRequestDetails;
	}

	private static boolean isDecidedReport(RequestDetails request, IBaseResource resource) {
		return "MeasureReport".equals(resource == null ? null : resource.fhirType())
				&& "$evaluate-measure".equals(request.getOperation()) && !resource.getIdElement().hasIdPart();
	}

	// the outcome of each entry of a transaction or batch response, the messages a write shows
	private static Set<IBaseResource> entryOutcomes(Bundle response) {
		Set<IBaseResource> outcomes = new HashSet<>();
		response.getEntry().stream().filter(entry -> entry.getResponse().hasOutcome())
				.forEach(entry -> outcomes.add(entry.getResponse().getOutcome()));
		return outcomes;
	}

	/** A page of search or history results: HAPI decided each of its records on the way in and on the way out. */
	private static boolean isPageOfDecidedRecords(RequestDetails request, IBaseResource resource) {
		return resource instanceof Bundle page
				&& (page.getType() == Bundle.BundleType.SEARCHSET || page.getType() == Bundle.BundleType.HISTORY)
				&& PAGED_INTERACTIONS.contains(request.getRestOperationType());
	}

	@Hook(value = Pointcut.STORAGE_PREACCESS_RESOURCES, order = HookOrder.SHARING_FACTS)
	public void beforeAccess(RequestDetails request, IPreResourceAccessDetails details) {
		prefetch(request, details.size(), details::getResource);
	}

	@Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = HookOrder.SHARING_FACTS)
	public void beforeShow(RequestDetails request, IPreResourceShowDetails details) {
		prefetch(request, details.size(), details::getResource);
	}

	private void prefetch(RequestDetails request, int count, IntFunction<IBaseResource> resourceAt) {
		RequestSharing context = context(request);
		if (context != null && !RequestState.has(request, WRITES_ONLY_KEY)) {
			Set<IBaseResource> resources = new HashSet<>();
			for (int i = 0; i < count; i++) {
				resources.add(resourceAt.apply(i));
			}
			context.prefetch(resources);
		}
	}

	/**
	 * Whether this request shows this record: the record the requester just wrote, or what an operation computed, as
	 * they are; any other record as the {@link AccessPolicy} decides for the request's requester. Without a requester
	 * only when the server works for itself.
	 */
	public boolean shows(RequestDetails request, IBaseResource resource) {
		RequestSharing context = context(request);
		if (context == null) {
			return isServersOwnWork(request);
		}
		if (RequestState.has(request, WRITES_ONLY_KEY)) {
			return true;
		}
		// The only operations open to the requesters the objection applies to ($validate, $immds-forecast) read the
		// records they compute from through the storage layer, where each record was decided: their output is theirs.
		if (request.getOperation() != null && !resource.getIdElement().hasIdPart()) {
			return true;
		}
		return context.decide(resource).allowed();
	}

	/**
	 * Of these stored records, read by the registry for an operation of this request to compute its answer from, those
	 * the request's requester may see, each decided as a search decides its matches: the requester may read such a
	 * record at all (its role and scopes) and the patient's sharing choice shows it to the requester. What the decision
	 * needs of their patients is loaded in one query per kind of fact. Without a requester only the server's own work
	 * sees them.
	 */
	public <T extends IBaseResource> List<T> visibleToRequester(RequestDetails request, List<T> records) {
		RequestSharing context = context(request);
		if (context == null) {
			return isServersOwnWork(request) ? records : List.of();
		}
		context.prefetchPatientsOf(records);
		return records.stream()
				.filter(record -> AccessPolicy.decide(context.requester, Interaction.READ, RecordFacts.of(record), null).allowed())
				.filter(record -> context.decide(record).allowed())
				.toList();
	}

	/** Whether the request's requester may be shown this stored record, whatever the request does with it. */
	boolean showsToRequester(RequestDetails request, IBaseResource resource) {
		RequestSharing context = context(request);
		return context == null ? isServersOwnWork(request) : context.decide(resource).allowed();
	}

	private RequestSharing context(RequestDetails request) {
		Optional<Requester> requester = Requester.of(request);
		if (requester.isEmpty()) {
			return null;
		}
		Requester who = requester.get();
		return RequestState.getOrCreate(request, CONTEXT_KEY, () -> new RequestSharing(who));
	}

	/** What one request has learnt about the patients it touched; lives and dies with the request, used by its entries' threads one at a time. */
	private final class RequestSharing {

		private final Requester requester;
		private final Map<String, PatientSharing> patients = new HashMap<>();
		/** Whether each record ({@code Type/id}) decided in this request is visible, shown or referred to. */
		private final Map<String, Boolean> visibleRecords = new HashMap<>();

		RequestSharing(Requester requester) {
			this.requester = requester;
		}

		/** Loads what deciding these records, and the records they refer to, needs: one query per kind of fact. */
		synchronized void prefetch(Set<IBaseResource> resources) {
			prefetchPatients(resources);
			Set<String> targets = new HashSet<>();
			for (IBaseResource resource : resources) {
				if (resource != null) {
					OutgoingView.referencesToDecide(fhirContext, resource).stream()
							.filter(target -> !visibleRecords.containsKey(target))
							.forEach(targets::add);
				}
			}
			if (!targets.isEmpty()) {
				decideReferenced(targets);
			}
		}

		synchronized void prefetchPatientsOf(List<? extends IBaseResource> records) {
			prefetchPatients(new HashSet<>(records));
		}

		private void prefetchPatients(Set<IBaseResource> resources) {
			if (!AccessPolicy.objectionApplies(requester.role())) {
				return;
			}
			Set<String> missing = new HashSet<>();
			for (IBaseResource resource : resources) {
				String patient = resource == null ? null : RecordTypes.patientOf(resource);
				if (patient != null && !patients.containsKey(patient)) {
					missing.add(patient);
				}
			}
			if (!missing.isEmpty()) {
				patients.putAll(lookup.load(requester, missing));
			}
		}

		// a record that is referred to and not stored is as invisible as one that is hidden
		private void decideReferenced(Set<String> targets) {
			List<IBaseResource> found = referenced.load(targets);
			prefetchPatients(new HashSet<>(found));
			targets.forEach(target -> visibleRecords.put(target, false));
			found.forEach(this::decide);
		}

		/** Whether the record a reference names ({@code Type/id}) is one the requester may see. */
		synchronized boolean isVisible(String record) {
			if (!visibleRecords.containsKey(record)) {
				decideReferenced(Set.of(record));
			}
			return visibleRecords.get(record);
		}

		synchronized AccessDecision decide(IBaseResource resource) {
			AccessDecision decision = decideRecord(resource);
			if (resource.getIdElement().hasIdPart()) {
				visibleRecords.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), decision.allowed());
			}
			return decision;
		}

		private AccessDecision decideRecord(IBaseResource resource) {
			RecordFacts record = RecordFacts.of(resource);
			PatientSharing patient = PatientSharing.SHARING;
			if (record.patientId() != null && AccessPolicy.objectionApplies(requester.role())) {
				patient = patients.get(record.patientId());
				if (patient == null) {
					prefetch(Set.of(resource));
					patient = patients.get(record.patientId());
				}
			}
			return AccessPolicy.decide(requester, Interaction.READ, record, patient);
		}
	}
}
