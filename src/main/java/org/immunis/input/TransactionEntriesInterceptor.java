package org.immunis.input;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.immunis.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/** Refuses a transaction or batch before any entry runs: too many entries (413), an entry of the wrong type (400). */
@Component
@Interceptor
class TransactionEntriesInterceptor implements FhirInterceptor {

	private final int maxEntries;

	TransactionEntriesInterceptor(InputLimitsProperties limits) {
		this.maxEntries = limits.maxTransactionEntries();
	}

	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	void beforeTransaction(IBaseBundle bundle) {
		if (!(bundle instanceof Bundle r4)) {
			return;
		}
		if (TransactionEntries.tooMany(r4, maxEntries)) {
			throw new PayloadTooLargeException("A transaction or batch may hold at most " + maxEntries + " entries; this one has "
					+ r4.getEntry().size() + ". Send it in smaller bundles.");
		}
		List<String> mismatches = TransactionEntries.typeMismatches(r4);
		if (!mismatches.isEmpty()) {
			throw new InvalidRequestException(String.join("; ", mismatches));
		}
	}
}
