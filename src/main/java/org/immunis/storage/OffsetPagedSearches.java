package org.immunis.storage;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import org.immunis.fhir.FhirInterceptor;
import org.springframework.stereotype.Component;

/**
 * Runs every search as a query for the one page asked for, paged by {@code _offset} links, instead of HAPI's default
 * of storing each search's result list in the database and handing out page ids.
 *
 * <p>The registry's searches are small (a patient's shots, a patient by identifier), and a stored result list cannot
 * be shared between requesters anyway, because each sees different records: storing it costs several writes per
 * search and buys nothing. Each page is a search of its own, decided for whoever asks for it.
 */
@Component
@Interceptor
class OffsetPagedSearches implements FhirInterceptor {

	@Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
	void pageByOffset(SearchParameterMap search) {
		if (search.getOffset() == null && search.getCount() != null && !search.isLoadSynchronous()
				&& search.getEverythingMode() == null) {
			search.setOffset(0);
		}
	}
}
