package org.immunis.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.IInterceptorBroadcaster;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.IPreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceAccessDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.rest.server.util.CompositeInterceptorBroadcaster;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.immunis.fhir.FhirProvider;
import org.immunis.records.RecordSource;
import org.springframework.stereotype.Component;

/**
 * Serves the audit log read-only as FHIR AuditEvent: read by id and the searches of the accounting of disclosures
 * ({@code patient}, {@code entity}, {@code outcome}, {@code action}, {@code date}, {@code _lastUpdated}, {@code _id},
 * sorted by date, paged by offset). Who may ask is decided when the request arrives, like for any type; every event
 * about to be shown goes through the storage hooks HAPI's own storage calls (STORAGE_PREACCESS_RESOURCES, then
 * STORAGE_PRESHOW_RESOURCES), so the sharing decision and the requester's view of each record apply to it unchanged,
 * and one hidden from the requester answers like an unknown one. Creating, changing or deleting one is refused (403).
 */
@Component
class AuditEventProvider implements IResourceProvider, FhirProvider, RecordSource {

	private static final Set<String> SORTS = Set.of(AuditEvent.SP_DATE, "_lastUpdated");

	private final AuditEventLog log;
	private final FhirContext fhirContext;
	private final IInterceptorService storageInterceptors;

	AuditEventProvider(AuditEventLog log, FhirContext fhirContext, IInterceptorService storageInterceptors) {
		this.log = log;
		this.fhirContext = fhirContext;
		this.storageInterceptors = storageInterceptors;
	}

	@Override
	public Class<AuditEvent> getResourceType() {
		return AuditEvent.class;
	}

	@Override
	public String resourceType() {
		return "AuditEvent";
	}

	@Override
	public Optional<IBaseResource> read(String id) {
		return log.byId(id).map(row -> row.toResource(fhirContext));
	}

	@Read(version = true)
	public AuditEvent read(@IdParam IdType id, RequestDetails request) {
		// an event is written once: version 1 is all there is
		boolean knownVersion = !id.hasVersionIdPart() || "1".equals(id.getVersionIdPart());
		List<IBaseResource> shown = knownVersion
				? shown(request, read(id.getIdPart()).stream().toList())
				: List.of();
		if (shown.isEmpty()) {
			throw new ResourceNotFoundException(new IdType("AuditEvent", id.getIdPart()));
		}
		return (AuditEvent) shown.get(0);
	}

	@Search
	public IBundleProvider search(
			@OptionalParam(name = "_id") TokenOrListParam ids,
			@OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceOrListParam patients,
			@OptionalParam(name = AuditEvent.SP_ENTITY) ReferenceOrListParam entities,
			@OptionalParam(name = AuditEvent.SP_OUTCOME) TokenOrListParam outcomes,
			@OptionalParam(name = AuditEvent.SP_ACTION) TokenOrListParam actions,
			@OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
			@OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
			@Sort SortSpec sort,
			@Offset Integer offset,
			@Count Integer count,
			RequestDetails request) {
		AuditEventQuery query = new AuditEventQuery();
		if (ids != null) {
			query.ids(codes(ids));
		}
		if (patients != null) {
			query.patients(patientIds(patients));
		}
		if (entities != null) {
			query.patients(patientIds(entities));
		}
		if (outcomes != null) {
			query.outcomes(codes(outcomes));
		}
		if (actions != null) {
			query.actions(codes(actions));
		}
		recorded(query, date);
		recorded(query, lastUpdated);
		if (sort != null) {
			if (!SORTS.contains(sort.getParamName()) || sort.getChain() != null) {
				throw new InvalidRequestException("AuditEvents sort by date (or _lastUpdated), newest first with _sort=-date");
			}
			query.byRecorded(sort.getOrder() == SortOrderEnum.DESC);
		}
		int first = offset == null ? 0 : Math.max(offset, 0);
		int size = pageSize(request, count);
		// one row more than the page tells whether there is a next page, without counting what matches
		List<StoredAuditEvent> rows = log.page(query, first, size + 1);
		List<IBaseResource> page = rows.stream().limit(size).map(row -> (IBaseResource) row.toResource(fhirContext)).toList();
		SimpleBundleProvider result = new SimpleBundleProvider(shown(request, page));
		result.setCurrentPageOffset(first);
		result.setCurrentPageSize(size);
		result.setSize(null);
		result.setTotalResourcesRequestedReturned(rows.size());
		return result;
	}

	// The writes exist so that HAPI knows them as writes of an AuditEvent, which the registry refuses, 403, before they
	// get here (ReadPathGuard); without them a write would answer 400 as an unknown interaction.
	@Create
	public MethodOutcome create(@ResourceParam AuditEvent event) {
		throw writtenByTheRegistryOnly();
	}

	@Update
	public MethodOutcome update(@IdParam IdType id, @ResourceParam AuditEvent event) {
		throw writtenByTheRegistryOnly();
	}

	@Patch
	public MethodOutcome patch(@IdParam IdType id, PatchTypeEnum type, @ResourceParam String body) {
		throw writtenByTheRegistryOnly();
	}

	@Delete
	public MethodOutcome delete(@IdParam IdType id) {
		throw writtenByTheRegistryOnly();
	}

	private static ForbiddenOperationException writtenByTheRegistryOnly() {
		return new ForbiddenOperationException("AuditEvents are written by the registry only; they cannot be created, changed or deleted");
	}

	private static int pageSize(RequestDetails request, Integer count) {
		IPagingProvider paging = request.getServer().getPagingProvider();
		if (count == null || count <= 0) {
			return paging.getDefaultPageSize();
		}
		return Math.min(count, paging.getMaximumPageSize());
	}

	private static void recorded(AuditEventQuery query, DateRangeParam range) {
		if (range == null) {
			return;
		}
		if (range.getLowerBoundAsInstant() != null) {
			query.recorded(AuditEventQuery.Comparison.GE, range.getLowerBoundAsInstant().toInstant());
		}
		if (range.getUpperBoundAsInstant() != null) {
			query.recorded(AuditEventQuery.Comparison.LE, range.getUpperBoundAsInstant().toInstant());
		}
	}

	private static List<String> codes(TokenOrListParam tokens) {
		List<String> codes = new ArrayList<>();
		for (TokenParam token : tokens.getValuesAsQueryTokens()) {
			if (token.getModifier() != null) {
				throw new InvalidRequestException("AuditEvent searches take plain codes, without modifiers");
			}
			codes.add(token.getValue());
		}
		return codes;
	}

	// events are about Patients only: a reference to anything else matches none
	private static List<String> patientIds(ReferenceOrListParam references) {
		return references.getValuesAsQueryTokens().stream()
				.peek(reference -> {
					if (reference.hasChain()) {
						throw new InvalidRequestException("AuditEvent searches do not take chained parameters");
					}
				})
				.filter(reference -> !reference.hasResourceType() || "Patient".equals(reference.getResourceType()))
				.map(ReferenceParam::getIdPart)
				.collect(Collectors.toList());
	}

	/** What of these events the requester is shown, and how: the storage hooks HAPI's own storage calls, in its order. */
	private List<IBaseResource> shown(RequestDetails request, List<IBaseResource> events) {
		if (events.isEmpty()) {
			return events;
		}
		IInterceptorBroadcaster hooks = CompositeInterceptorBroadcaster.newCompositeBroadcaster(storageInterceptors, request);
		SimplePreResourceAccessDetails access = new SimplePreResourceAccessDetails(new ArrayList<>(events));
		hooks.callHooks(Pointcut.STORAGE_PREACCESS_RESOURCES, new HookParams()
				.add(IPreResourceAccessDetails.class, access)
				.add(RequestDetails.class, request)
				.addIfMatchesType(ServletRequestDetails.class, request));
		List<IBaseResource> accessible = new ArrayList<>();
		for (int i = 0; i < access.size(); i++) {
			if (!access.isDontReturnResourceAtIndex(i)) {
				accessible.add(access.getResource(i));
			}
		}
		if (accessible.isEmpty()) {
			return accessible;
		}
		SimplePreResourceShowDetails show = new SimplePreResourceShowDetails(accessible);
		hooks.callHooks(Pointcut.STORAGE_PRESHOW_RESOURCES, new HookParams()
				.add(IPreResourceShowDetails.class, show)
				.add(RequestDetails.class, request)
				.addIfMatchesType(ServletRequestDetails.class, request));
		return show.toList().stream().filter(Objects::nonNull).toList();
	}
}
