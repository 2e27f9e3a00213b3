package org.immunis.bulk;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.immunis.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/** Says in the CapabilityStatement that the server offers FHIR Bulk Data Access (its export operations are listed by HAPI). */
@Component
@Interceptor
class BulkCapabilityInterceptor implements FhirInterceptor {

	static final String BULK_DATA = "http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data";

	@Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
	void describeBulkData(IBaseConformance capabilities) {
		((CapabilityStatement) capabilities).addInstantiates(BULK_DATA);
	}
}
