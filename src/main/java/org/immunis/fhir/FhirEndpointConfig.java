package org.immunis.fhir;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST endpoint at {@code /fhir}: which resource types it serves, with which providers and interceptors. */
@Configuration(proxyBeanMethods = false)
class FhirEndpointConfig {

	@Bean
	RestfulServer restfulServer(
			IFhirSystemDao<?, ?> systemDao,
			DaoRegistry daoRegistry,
			ResourceProviderFactory resourceProviders,
			List<FhirProvider> plainProviders,
			List<FhirInterceptor> interceptors,
			DatabaseBackedPagingProvider pagingProvider,
			JpaStorageSettings storageSettings,
			ISearchParamRegistry searchParamRegistry,
			IValidationSupport validationSupport,
			FhirServerProperties properties) {
		List<String> storedTypes = new ArrayList<>(properties.exposedResourceTypes());
		storedTypes.addAll(properties.internalResourceTypes());
		daoRegistry.setSupportedResourceTypes(storedTypes);

		// Records come in and go out with their references as text. HAPI would otherwise walk every record it encodes
		// (each stored version, each search result) for reference targets held as objects, to contain them.
		systemDao.getContext().getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
		RestfulServer server = new RestfulServer(systemDao.getContext());
		server.registerProviders(exposedProviders(resourceProviders, properties.exposedResourceTypes(), plainProviders));
		server.registerProviders(plainProviders);
		interceptors.forEach(server::registerInterceptor);

		pagingProvider.setDefaultPageSize(properties.defaultPageSize());
		pagingProvider.setMaximumPageSize(properties.maxPageSize());
		server.setPagingProvider(pagingProvider);
		server.setDefaultResponseEncoding(EncodingEnum.JSON);
		if (properties.serverAddress() != null && !properties.serverAddress().isBlank()) {
			server.setServerAddressStrategy(new HardcodedServerAddressStrategy(properties.serverAddress()));
		}

		JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
				server, systemDao, storageSettings, searchParamRegistry, validationSupport);
		capabilities.setIncludeResourceCounts(false);
		capabilities.setImplementationDescription("immunis immunization information system");
		server.setServerConformanceProvider(capabilities);
		return server;
	}

	@Bean
	ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
		ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
		registration.setLoadOnStartup(1);
		return registration;
	}

	// HAPI's JPA provider of each exposed type, but of none the registry serves with its own provider (the audit trail)
	private static List<Object> exposedProviders(ResourceProviderFactory factory, List<String> exposedTypes,
			List<FhirProvider> plainProviders) {
		Set<String> servedByTheRegistry = plainProviders.stream()
				.filter(IResourceProvider.class::isInstance)
				.map(provider -> ((IResourceProvider) provider).getResourceType().getSimpleName())
				.collect(Collectors.toSet());
		return factory.createProviders().stream()
				.filter(provider -> provider instanceof IResourceProvider resourceProvider
						&& exposedTypes.contains(resourceProvider.getResourceType().getSimpleName())
						&& !servedByTheRegistry.contains(resourceProvider.getResourceType().getSimpleName()))
				.toList();
	}
}
