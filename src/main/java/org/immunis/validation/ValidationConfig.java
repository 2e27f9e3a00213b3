package org.immunis.validation;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeSystem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

@Configuration(proxyBeanMethods = false)
class ValidationConfig {

	private static final String CVX_CODE_SYSTEM = "ig/resources/CodeSystem-cvx.json";

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	VaccineCatalog vaccineCatalog(FhirContext fhirContext) throws IOException {
		try (InputStream json = new ClassPathResource(CVX_CODE_SYSTEM).getInputStream()) {
			CodeSystem cvx = fhirContext.newJsonParser().parseResource(CodeSystem.class, json);
			return new VaccineCatalog(cvx.getConcept().stream()
					.map(CodeSystem.ConceptDefinitionComponent::getCode)
					.collect(Collectors.toSet()));
		}
	}

	@Bean
	ImmunizationRules immunizationRules(VaccineCatalog vaccineCatalog) {
		return new ImmunizationRules(vaccineCatalog);
	}
}
