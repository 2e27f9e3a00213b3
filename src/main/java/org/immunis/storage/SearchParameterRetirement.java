package org.immunis.storage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.immunis.database.StartupLock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Retires the built-in search parameters the registry does not search, the way HAPI documents it: a stored
 * SearchParameter with the built-in's URL and status {@code retired}. Runs before the server takes requests.
 */
@Component
class SearchParameterRetirement implements SmartInitializingSingleton {

	private final FhirContext fhirContext;
	private final IFhirResourceDao<SearchParameter> searchParameterDao;
	private final ISearchParamRegistry searchParamRegistry;
	private final List<String> retiredUrls;
	private final StartupLock startupLock;

	SearchParameterRetirement(
			FhirContext fhirContext,
			IFhirResourceDao<SearchParameter> searchParameterDao,
			ISearchParamRegistry searchParamRegistry,
			StorageProperties properties,
			StartupLock startupLock) {
		this.fhirContext = fhirContext;
		this.searchParameterDao = searchParameterDao;
		this.searchParamRegistry = searchParamRegistry;
		this.retiredUrls = properties.retiredSearchParameters();
		this.startupLock = startupLock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, SearchParameter> builtIns = builtInSearchParameters();
		List<SearchParameter> retired = retiredUrls.stream().map(url -> {
			SearchParameter builtIn = builtIns.get(url);
			if (builtIn == null) {
				throw new IllegalStateException("immunis.storage.retired-search-parameters names an unknown search parameter: " + url);
			}
			return retired(builtIn);
		}).toList();
		// one server at a time: servers starting together on an empty database would both create them
		startupLock.runAlone(() -> retired.forEach(parameter -> searchParameterDao.update(parameter, new SystemRequestDetails())));
		searchParamRegistry.forceRefresh();
	}

	private SearchParameter retired(SearchParameter builtIn) {
		SearchParameter retired = builtIn.copy();
		retired.setId("retired-" + builtIn.getIdPart());
		retired.setStatus(Enumerations.PublicationStatus.RETIRED);
		return retired;
	}

	/** R4's built-in parameters by URL, each with all the resource types it applies to. */
	private Map<String, SearchParameter> builtInSearchParameters() {
		return fhirContext.getResourceTypes().stream()
				.flatMap(type -> fhirContext.getResourceDefinition(type).getSearchParams().stream())
				.filter(param -> param.getUri() != null)
				.collect(Collectors.groupingBy(RuntimeSearchParam::getUri))
				.entrySet()
				.stream()
				.collect(Collectors.toMap(Map.Entry::getKey, entry -> toResource(entry.getValue())));
	}

	private static SearchParameter toResource(List<RuntimeSearchParam> sameParameterOnEachBase) {
		RuntimeSearchParam param = sameParameterOnEachBase.get(0);
		SearchParameter resource = new SearchParameter();
		resource.setId(param.getUri().substring(param.getUri().lastIndexOf('/') + 1));
		resource.setUrl(param.getUri());
		resource.setName(param.getName());
		resource.setCode(param.getName());
		resource.setDescription(param.getDescription());
		resource.setType(Enumerations.SearchParamType.fromCode(param.getParamType().getCode()));
		resource.setExpression(param.getPath());
		sameParameterOnEachBase.stream()
				.flatMap(each -> each.getBase().stream())
				.distinct()
				.forEach(resource::addBase);
		return resource;
	}
}
