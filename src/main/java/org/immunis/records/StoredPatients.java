package org.immunis.records;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;

/**
 * Stored Patients read by id as the server, for work over a population (reports, exports) that decides each one for
 * its requester afterwards.
 */
public final class StoredPatients {

	private StoredPatients() {
	}

	/** The stored Patients among these ids, in one query; unknown ids are left out. */
	public static List<Patient> byIds(DaoRegistry daos, List<String> ids) {
		SearchParameterMap query = SearchParameterMap.newSynchronous();
		TokenOrListParam idList = new TokenOrListParam();
		ids.forEach(id -> idList.addOr(new TokenParam(id)));
		query.add("_id", idList);
		query.setLoadSynchronousUpTo(ids.size());
		return daos.getResourceDao(Patient.class).search(query, new SystemRequestDetails()).getAllResources().stream()
				.map(Patient.class::cast).toList();
	}
}
