package org.immunis.consent;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's ConsentInterceptor with the registry's sharing decision, on the one interceptor service that REST requests and
 * storage work (transactions, batch jobs) share. Besides filtering, it strips Bundle.total, refuses counts and keeps
 * searches out of the result cache for every requester it does not authorize outright.
 */
@Configuration(proxyBeanMethods = false)
class ConsentConfig {

	@Bean
	ConsentInterceptor consentInterceptor(SharingEnforcement enforcement, IInterceptorService interceptors) {
		ConsentInterceptor interceptor = new ConsentInterceptor(enforcement);
		interceptors.registerInterceptor(interceptor);
		return interceptor;
	}
}
