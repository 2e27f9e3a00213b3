package org.immunis.ig;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ImplementationGuideConfig {

	/** Built once at start-up: loading the package and generating the profiles' snapshots takes seconds. */
	@Bean
	RegistryValidatorFactory registryValidatorFactory(FhirContext fhirContext) {
		return RegistryValidatorFactory.forClasspathPackage(fhirContext);
	}

	@Bean
	RegistryImplementationGuide registryImplementationGuide(RegistryValidatorFactory validatorFactory) {
		return validatorFactory.implementationGuide();
	}
}
