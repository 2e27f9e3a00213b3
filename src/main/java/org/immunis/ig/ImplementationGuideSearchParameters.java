package org.immunis.ig;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.hl7.fhir.r4.model.SearchParameter;
import org.immunis.database.StartupLock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Stores the search parameters the registry's IG adds, before the server takes requests, so that they are indexed; one
 * server at a time, so that servers starting together on an empty database do not both create them.
 */
@Component
class ImplementationGuideSearchParameters implements SmartInitializingSingleton {

	private final RegistryImplementationGuide implementationGuide;
	private final IFhirResourceDao<SearchParameter> searchParameterDao;
	private final ISearchParamRegistry searchParamRegistry;
	private final StartupLock startupLock;

	ImplementationGuideSearchParameters(
			RegistryImplementationGuide implementationGuide,
			IFhirResourceDao<SearchParameter> searchParameterDao,
			ISearchParamRegistry searchParamRegistry,
			StartupLock startupLock) {
		this.implementationGuide = implementationGuide;
		this.searchParameterDao = searchParameterDao;
		this.searchParamRegistry = searchParamRegistry;
		this.startupLock = startupLock;
	}

	@Override
	public void afterSingletonsInstantiated() {
		startupLock.runAlone(() -> implementationGuide.searchParameters()
				.forEach(parameter -> searchParameterDao.update(parameter, new SystemRequestDetails())));
		searchParamRegistry.forceRefresh();
	}
}
