package org.immunis.consent;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.i18n.Msg;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.immunis.fhir.FhirInterceptor;
import org.immunis.fhir.HookOrder;
import org.immunis.fhir.RequestState;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;
import org.immunis.records.RecordTypes;
import org.immunis.records.StoredRecords;
import org.springframework.stereotype.Component;

/**
 * Closes the read paths the per-record decision cannot see, for every requester but the registry admin, before HAPI
 * handles the request:
 * <ul>
 *   <li>search features evaluated in SQL against records the requester may not see (existence oracles) are refused with
 *       400: {@code _has}, chained parameters, a Group's {@code member}, {@code _filter}, {@code _contained}, {@code _list}, chained sorts,
 *       counts ({@code _summary=count}, {@code _total}), searches paged by {@code _offset} (but those of the audit trail);
 *   <li>{@code Cache-Control} is ignored, so that no search is answered from a single page query;
 *   <li>conditional create, update, patch and delete, match URLs and conditional references (in transactions too) are
 *       refused with 403;
 *   <li>a read, vread, instance history or instance operation of a record the requester may not see answers exactly as
 *       for an id that does not exist: 404, the same message;
 *   <li>in batches and transactions, each GET entry is held to the same rules and answered on its own;
 *   <li>AuditEvents cannot be created, changed or deleted through the API, by anyone.
 * </ul>
 * The answer never depends on the data: the refusals look only at the request.
 */
@Component
@Interceptor
class ReadPathGuard implements FhirInterceptor {

	/**
	 * Parameters of record types a requester may see whose match depends on patient records it may not: a roster's
	 * {@code member} would tell which hidden children are on it.
	 */
	private static final Map<String, Set<String>> PATIENT_MATCHING_PARAMETERS = Map.of("Group", Set.of("member"));

	private static final Pattern CONDITIONAL_REFERENCE =
			Pattern.compile("(\"reference\"\\s*:\\s*\"[^\"]*\\?)|(<reference\\s+value=\"[^\"]*\\?)");

	private final FhirContext fhirContext;
	private final StoredRecords records;
	private final SharingEnforcement enforcement;

	ReadPathGuard(FhirContext fhirContext, StoredRecords records, SharingEnforcement enforcement) {
		this.fhirContext = fhirContext;
		this.records = records;
		this.enforcement = enforcement;
	}

	@Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = HookOrder.READ_PATH_GUARD)
	void guard(RequestDetails request, RestOperationTypeEnum operation) {
		if (operation == RestOperationTypeEnum.METADATA) {
			return;
		}
		Optional<Requester> requester = Requester.of(request);
		if (requester.isEmpty()) {
			// deny by default: identity attaches a requester to every request it lets through
			throw new ForbiddenOperationException("Access denied: a request without a requester");
		}
		if (RecordTypes.isWrittenByTheServerOnly(request.getResourceName()) && isWrite(operation)) {
			throw new ForbiddenOperationException("AuditEvents are written by the registry only; they cannot be created, changed or deleted");
		}
		if (operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH) {
			refuseAuditWritesIn(request);
		}
		markWritesOnly(request, operation);
		if (requester.get().role() == Role.REGISTRY_ADMIN) {
			return;
		}
		refuseOracleParameters(request.getResourceName(), request.getParameters());
		// The audit trail is paged by offset (the registry's own log, not HAPI's stored searches): its searches name the
		// requester's own patients (AccessInterceptor), and every event about them is the requester's to see.
		boolean auditTrail = RecordTypes.isWrittenByTheServerOnly(request.getResourceName());
		if ((operation == RestOperationTypeEnum.SEARCH_TYPE && !auditTrail) || operation == RestOperationTypeEnum.SEARCH_SYSTEM) {
			refuseOffsetPaging(request.getParameters());
		}
		keepSearchesPaged(request);
		switch (operation) {
			case CREATE:
				if (request.getHeader("If-None-Exist") != null) {
					throw conditionalRefused();
				}
				refuseConditionalReferences(request);
				break;
			case UPDATE:
			case PATCH:
			case DELETE:
				if (request.getId() == null || !request.getId().hasIdPart()) {
					throw conditionalRefused();
				}
				refuseConditionalReferences(request);
				requireChangeable(request, request.getResourceName(), request.getId().getIdPart());
				break;
			case READ:
			case VREAD:
			case HISTORY_INSTANCE:
				requireVisible(request, request.getId());
				break;
			case EXTENDED_OPERATION_INSTANCE:
			case VALIDATE:
				// which operations a requester may run is identity's (RegistryOperations); the record must be visible
				requireVisible(request, request.getId());
				break;
			case TRANSACTION:
			case BATCH:
				refuseConditionalReferences(request);
				guardEntries(request, operation == RestOperationTypeEnum.TRANSACTION);
				break;
			default:
				break;
		}
	}

	// A create, update or patch (not conditional: refused above for all but the admin), or a bundle of such entries,
	// shows only what the requester wrote; no lookup runs in the middle of the write.
	private void markWritesOnly(RequestDetails request, RestOperationTypeEnum operation) {
		boolean writesOnly = operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE
				|| operation == RestOperationTypeEnum.PATCH;
		if (operation == RestOperationTypeEnum.TRANSACTION || operation == RestOperationTypeEnum.BATCH) {
			Bundle bundle = bundleOf(request);
			writesOnly = bundle != null && bundle.getEntry().stream().allMatch(entry -> entry.getRequest().hasMethod()
					&& entry.getRequest().getMethod() != Bundle.HTTPVerb.GET && entry.getRequest().getMethod() != Bundle.HTTPVerb.HEAD);
		}
		if (writesOnly) {
			RequestState.put(request, SharingEnforcement.WRITES_ONLY_KEY, Boolean.TRUE);
		}
	}

	private void requireVisible(RequestDetails request, IIdType id) {
		if (id == null || !id.hasIdPart() || request.getResourceName() == null) {
			return;
		}
		if ("Measure".equals(request.getResourceName())) {
			// not stored: served from the implementation guide, and visible to anyone
			return;
		}
		IIdType current = new IdType(request.getResourceName(), id.getIdPart());
		IBaseResource resource;
		try {
			resource = records.read(current);
		} catch (ResourceNotFoundException e) {
			throw notKnown(current);
		}
		if (!enforcement.shows(request, resource)) {
			throw notKnown(current);
		}
		InstanceRecord.keep(request, resource);
	}

	/**
	 * An update, patch or delete by id answers the same for a record hidden from the requester as for an id nobody
	 * has, so that a write cannot probe what a read would hide. Creating a record under an id of the client's choosing
	 * (an update of an unknown id) is the registry admin's alone.
	 */
	private void requireChangeable(RequestDetails request, String type, String id) {
		if (type == null || id == null) {
			throw conditionalRefused();
		}
		IdType target = new IdType(type, id);
		IBaseResource record = null;
		try {
			record = records.read(target);
		} catch (ResourceNotFoundException e) {
			// answered below exactly as a hidden record
		}
		if (record == null || !enforcement.showsToRequester(request, record)) {
			throw new ForbiddenOperationException("Access denied: " + target.getValue() + " is not a record this requester"
					+ " may change; new records are created with POST, which assigns their id");
		}
	}

	private void guardEntries(RequestDetails request, boolean transaction) {
		Bundle bundle = bundleOf(request);
		if (bundle == null) {
			return;
		}
		boolean reads = bundle.getEntry().stream().anyMatch(entry -> entry.getRequest().getMethod() == Bundle.HTTPVerb.GET);
		boolean writes = bundle.getEntry().stream().anyMatch(entry -> entry.getRequest().getMethod() != Bundle.HTTPVerb.GET);
		if (transaction && reads && writes) {
			// the reads of a transaction run inside its write; the sharing decision's lookups must not
			throw new ForbiddenOperationException(
					"Access denied: a transaction either writes or reads; send reads in a batch or on their own");
		}
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Bundle.BundleEntryRequestComponent entryRequest = entry.getRequest();
			String url = entryRequest.getUrl() == null ? "" : entryRequest.getUrl();
			if (entryRequest.hasIfNoneExist()) {
				throw conditionalRefused();
			}
			if (entryRequest.getMethod() != Bundle.HTTPVerb.GET) {
				if (entryRequest.getMethod() != Bundle.HTTPVerb.POST && url.contains("?")) {
					throw conditionalRefused();
				}
				if (entryRequest.getMethod() != Bundle.HTTPVerb.POST) {
					IdType target = new IdType(url);
					requireChangeable(request, target.getResourceType(), target.getIdPart());
				}
				continue;
			}
			guardGetEntry(url);
		}
	}

	// A GET entry may read (Type/id, Type/id/_history[/vid]) or search a type (Type?...): nothing else.
	private static void guardGetEntry(String url) {
		int query = url.indexOf('?');
		String path = query < 0 ? url : url.substring(0, query);
		String[] segments = path.replaceAll("^/+", "").split("/");
		boolean typeOnly = segments.length == 1 && !segments[0].isEmpty() && !segments[0].startsWith("$") && !segments[0].startsWith("_");
		if (query >= 0) {
			Map<String, String[]> parameters = QueryStrings.parse(url.substring(query + 1));
			refuseOracleParameters(segments[0], parameters);
			if (typeOnly) {
				refuseOffsetPaging(parameters);
			}
		}
		boolean instance = segments.length >= 2 && !segments[1].startsWith("$") && !segments[1].startsWith("_")
				&& (segments.length == 2 || ("_history".equals(segments[2]) && segments.length <= 4));
		if (!typeOnly && !instance) {
			throw new ForbiddenOperationException(
					"Access denied: a batch or transaction may read (Type/id, Type/id/_history) or search a type (Type?...), nothing else");
		}
		// An instance entry is answered on its own: HAPI runs it as a sub-request, which this guard sees as a read
		// (requireVisible), so a hidden record's entry gets the same 404 as an unknown id and the other entries their answers.
	}

	private void refuseAuditWritesIn(RequestDetails request) {
		Bundle bundle = bundleOf(request);
		if (bundle == null) {
			return;
		}
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			String url = entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl();
			String type = url.replaceAll("^/+", "").replaceAll("[/?].*", "");
			boolean audit = RecordTypes.isWrittenByTheServerOnly(type)
					|| (entry.hasResource() && RecordTypes.isWrittenByTheServerOnly(entry.getResource().fhirType()));
			if (audit && entry.getRequest().getMethod() != Bundle.HTTPVerb.GET) {
				throw new ForbiddenOperationException("AuditEvents are written by the registry only; they cannot be created, changed or deleted");
			}
		}
	}

	private Bundle bundleOf(RequestDetails request) {
		if (request.getResource() instanceof Bundle bundle) {
			return bundle;
		}
		byte[] body = request.loadRequestContents();
		if (body == null || body.length == 0) {
			return null;
		}
		String text = new String(body, StandardCharsets.UTF_8);
		IBaseResource parsed = text.trim().startsWith("<")
				? fhirContext.newXmlParser().parseResource(text)
				: fhirContext.newJsonParser().parseResource(text);
		return parsed instanceof Bundle bundle ? bundle : null;
	}

	private static void refuseConditionalReferences(RequestDetails request) {
		byte[] body = request.loadRequestContents();
		if (body != null && CONDITIONAL_REFERENCE.matcher(new String(body, StandardCharsets.UTF_8)).find()) {
			throw new ForbiddenOperationException("Access denied: conditional references (match URLs) are for the registry admin only");
		}
	}

	static void refuseOracleParameters(String resourceType, Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			String name = parameter.getKey();
			String why = null;
			if (resourceType != null && PATIENT_MATCHING_PARAMETERS.getOrDefault(resourceType, Set.of()).contains(name.split(":")[0])) {
				why = resourceType + "'s " + name.split(":")[0];
			} else if (name.startsWith("_has")) {
				why = "_has";
			} else if (name.contains(".")) {
				why = "chained parameters";
			} else if (name.equals("_filter") || name.equals("_contained") || name.equals("_containedType")
					|| name.equals("_list") || name.equals("_query")) {
				why = name;
			} else if (name.equals("_total")) {
				for (String value : parameter.getValue()) {
					if (!"none".equals(value)) {
						why = "_total";
					}
				}
			} else if (name.equals("_summary")) {
				for (String value : parameter.getValue()) {
					if ("count".equals(value)) {
						why = "_summary=count";
					}
				}
			} else if (name.equals("_sort")) {
				for (String value : parameter.getValue()) {
					if (value.contains(".")) {
						why = "chained sorts";
					}
				}
			}
			if (why != null) {
				throw new InvalidRequestException("Search with " + why
						+ " is not available to this requester: it would be evaluated against records the requester may not see");
			}
		}
	}

	/**
	 * HAPI answers a search with {@code _offset} from one query for the page asked for, and only then drops the records
	 * hidden from the requester: a short page with a next link would show that hidden records match.
	 */
	private static void refuseOffsetPaging(Map<String, String[]> parameters) {
		if (parameters.containsKey(Constants.PARAM_OFFSET)) {
			throw new InvalidRequestException("Search with _offset is not available to this requester: a page cut by offset would show"
					+ " where records hidden from the requester are; follow the search's next links instead");
		}
	}

	/**
	 * HAPI answers a search sent with {@code Cache-Control: no-store} from one query for the page asked for, and only
	 * then drops the records hidden from the requester: a short page with a next link would show that hidden records
	 * match. Without the header the search is stored with the hidden records already left out, and every page is full.
	 */
	private static void keepSearchesPaged(RequestDetails request) {
		List<String> cacheControl = request.getHeaders(Constants.HEADER_CACHE_CONTROL);
		if (cacheControl != null && !cacheControl.isEmpty()) {
			request.setHeaders(Constants.HEADER_CACHE_CONTROL, List.of());
		}
	}

	private static boolean isWrite(RestOperationTypeEnum operation) {
		return operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE
				|| operation == RestOperationTypeEnum.PATCH || operation == RestOperationTypeEnum.DELETE
				|| operation == RestOperationTypeEnum.META_ADD || operation == RestOperationTypeEnum.META_DELETE;
	}

	private static ForbiddenOperationException conditionalRefused() {
		return new ForbiddenOperationException(
				"Access denied: conditional create, update, patch and delete (If-None-Exist, match URLs) are for the registry admin only");
	}

	/** Exactly what HAPI answers for an id that does not exist. */
	static ResourceNotFoundException notKnown(IIdType id) {
		return new ResourceNotFoundException(Msg.code(2001) + "Resource " + id.toUnqualifiedVersionless().getValue() + " is not known");
	}
}
