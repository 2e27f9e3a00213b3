package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Immunization;

/**
 * All of a patient's stored Immunizations, searched as the registry itself page by page, inside the database transaction
 * that is running (the stored-dose flag reads them with that transaction's flushed writes). A requester's forecast reads
 * its records with {@link StoredPatientRecords} instead.
 */
final class PatientRecords {

	/** The server's largest page (immunis.fhir.max-page-size); a smaller one also works, with more queries. */
	private static final int PAGE = 200;

	/** The search parameter of Immunization that names the patient. */
	private static final String PATIENT = "patient";

	private PatientRecords() {}

	static List<Immunization> immunizations(DaoRegistry daoRegistry, IIdType patientId, SystemRequestDetails registry) {
		String patient = patientId.toUnqualifiedVersionless().getValue();
		List<Immunization> records = new ArrayList<>();
		for (int offset = 0; ; offset += PAGE) {
			SearchParameterMap params = SearchParameterMap.newSynchronous(PATIENT, new ReferenceParam(patient));
			params.setCount(PAGE);
			params.setOffset(offset);
			List<IBaseResource> page = daoRegistry.getResourceDao(Immunization.class).search(params, registry)
					.getResources(0, Integer.MAX_VALUE);
			page.forEach(resource -> records.add((Immunization) resource));
			if (page.size() < PAGE) {
				return records;
			}
		}
	}
}
