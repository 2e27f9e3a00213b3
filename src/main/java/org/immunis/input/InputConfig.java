package org.immunis.input;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the registry accepts on the wire, before and inside HAPI. */
@Configuration(proxyBeanMethods = false)
class InputConfig {

	@Bean
	OutcomeResponse outcomeResponse(FhirContext fhirContext) {
		return new OutcomeResponse(fhirContext);
	}

	@Bean
	FilterRegistrationBean<IncomingBodyFilter> incomingBodyFilter(InputLimitsProperties limits, OutcomeResponse outcomes) {
		FilterRegistrationBean<IncomingBodyFilter> registration =
				new FilterRegistrationBean<>(new IncomingBodyFilter(limits, outcomes));
		registration.addUrlPatterns("/fhir/*");
		return registration;
	}
}
