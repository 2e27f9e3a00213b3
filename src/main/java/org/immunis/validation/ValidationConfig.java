package org.immunis.validation;

import java.time.Clock;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.immunis.ig.RegistryImplementationGuide;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ValidationConfig {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	VaccineCatalog vaccineCatalog(RegistryImplementationGuide implementationGuide) {
		CodeSystem cvx = implementationGuide.codeSystem(VaccineCatalog.CVX_SYSTEM)
				.orElseThrow(() -> new IllegalStateException("the registry IG has no CVX code system"));
		return new VaccineCatalog(cvx.getConcept().stream()
				.map(CodeSystem.ConceptDefinitionComponent::getCode)
				.collect(Collectors.toSet()));
	}

	@Bean
	ImmunizationRules immunizationRules(VaccineCatalog vaccineCatalog) {
		return new ImmunizationRules(vaccineCatalog);
	}
}
