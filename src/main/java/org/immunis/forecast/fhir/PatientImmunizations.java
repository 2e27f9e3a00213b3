package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Immunization;

/** A patient's stored Immunizations, searched (one indexed search) with the request given. */
final class PatientImmunizations {

	/** More doses than anyone is given; a search limited to this loads all of a patient's at once. */
	static final int MAX_DOSES = 1_000;

	private PatientImmunizations() {}

	/**
	 * A synchronous search with an explicit limit: without one, HAPI stops a synchronous search at a page and leaves
	 * the size unknown ({@code getAllResources()} then refuses to load).
	 */
	static List<Immunization> of(DaoRegistry daoRegistry, IIdType patientId, RequestDetails request) {
		SearchParameterMap params = SearchParameterMap.newSynchronous(Immunization.SP_PATIENT,
				new ReferenceParam(patientId.toUnqualifiedVersionless().getValue()));
		params.setLoadSynchronousUpTo(MAX_DOSES);
		params.setCount(MAX_DOSES);
		IBundleProvider found = daoRegistry.getResourceDao(Immunization.class).search(params, request);
		List<Immunization> immunizations = new ArrayList<>();
		found.getResources(0, MAX_DOSES).forEach(resource -> immunizations.add((Immunization) resource));
		return immunizations;
	}
}
