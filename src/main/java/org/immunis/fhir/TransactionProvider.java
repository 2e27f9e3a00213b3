package org.immunis.fhir;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.stereotype.Component;

/**
 * Transaction and batch bundles: the only system-level interaction the registry offers (HAPI's own system provider
 * also brings resource counts, keyword suggestions and reindexing operations, which the registry does not serve).
 */
@Component
class TransactionProvider implements FhirProvider {

	private final IFhirSystemDao<Bundle, Meta> systemDao;

	TransactionProvider(IFhirSystemDao<Bundle, Meta> systemDao) {
		this.systemDao = systemDao;
	}

	@Transaction
	public Bundle transaction(RequestDetails request, @TransactionParam Bundle bundle) {
		return systemDao.transaction(request, bundle);
	}
}
