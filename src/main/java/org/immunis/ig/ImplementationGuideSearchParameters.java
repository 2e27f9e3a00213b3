package org.immunis.ig;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.SearchParameter;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Stores the search parameters the registry's IG adds, before the server takes requests, so that they are indexed. */
@Component
class ImplementationGuideSearchParameters implements SmartInitializingSingleton {

	private final RegistryImplementationGuide implementationGuide;
	private final IFhirResourceDao<SearchParameter> searchParameterDao;
	private final ISearchParamRegistry searchParamRegistry;

	ImplementationGuideSearchParameters(
			RegistryImplementationGuide implementationGuide,
			IFhirResourceDao<SearchParameter> searchParameterDao,
			ISearchParamRegistry searchParamRegistry) {
		this.implementationGuide = implementationGuide;
		this.searchParameterDao = searchParameterDao;
		this.searchParamRegistry = searchParamRegistry;
	}

	@Override
	public void afterSingletonsInstantiated() {
		implementationGuide.searchParameters().forEach(parameter -> searchParameterDao.update(parameter, new SystemRequestDetails()));
		searchParamRegistry.forceRefresh();
	}
}
