package org.immunis.consent;

import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import org.immunis.fhir.FhirInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's ConsentInterceptor with the registry's sharing decision, mounted on the REST endpoint like every
 * {@link FhirInterceptor}. Besides filtering, it strips Bundle.total, refuses counts and keeps searches out of the
 * result cache for every requester it does not authorize outright.
 */
@Configuration(proxyBeanMethods = false)
class ConsentConfig {

	@Bean
	SharingConsentInterceptor consentInterceptor(SharingEnforcement enforcement) {
		return new SharingConsentInterceptor(enforcement);
	}

	static final class SharingConsentInterceptor extends ConsentInterceptor implements FhirInterceptor {

		SharingConsentInterceptor(SharingEnforcement enforcement) {
			super(enforcement);
		}
	}
}
