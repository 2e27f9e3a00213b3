package org.immunis.ig;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.immunis.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/** Names, in the server's CapabilityStatement, the IG it implements and the registry profile of each resource type. */
@Component
@Interceptor
class CapabilityStatementProfiles implements FhirInterceptor {

	private final RegistryImplementationGuide implementationGuide;

	CapabilityStatementProfiles(RegistryImplementationGuide implementationGuide) {
		this.implementationGuide = implementationGuide;
	}

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	void addProfiles(IBaseConformance generated) {
		CapabilityStatement capabilities = (CapabilityStatement) generated;
		capabilities.addInstantiates(implementationGuide.capabilityStatement().getUrl());
		capabilities.addImplementationGuide(RegistryImplementationGuide.CANONICAL_BASE + "/ImplementationGuide/" + implementationGuide.packageName());
		capabilities.getRest().forEach(rest -> rest.getResource().forEach(resource ->
				implementationGuide.profileUrlFor(resource.getType()).ifPresent(profile -> {
					resource.setProfile(profile);
					resource.addSupportedProfile(profile);
				})));
	}
}
