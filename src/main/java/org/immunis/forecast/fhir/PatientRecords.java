package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Immunization;

/**
 * All of a patient's stored records of one type (Immunization, Condition), searched with the request given, page by
 * page.
 *
 * <p>With a REST request, HAPI's DAO takes the page size and offset of a search from the request's {@code _count} and
 * {@code _offset} (or the server's default page size, 20), whatever the SearchParameterMap says, and leaves the total
 * unknown. So each page is asked for by setting those on the request for the time of the search; the request
 * otherwise stays the requester's own, for the consent rules to see.
 */
final class PatientRecords {

	/** The server's largest page (immunis.fhir.max-page-size); a smaller one also works, with more queries. */
	static final int PAGE = 200;

	/** The search parameter of Immunization and Condition that names the patient. */
	private static final String PATIENT = "patient";

	private PatientRecords() {}

	static List<Immunization> immunizations(DaoRegistry daoRegistry, IIdType patientId, RequestDetails request,
			boolean partialView) {
		return of(Immunization.class, daoRegistry, patientId, request, partialView);
	}

	/**
	 * {@code partialView}: the requester may see some of the patient's records and not others (a provider of a patient
	 * who objected to sharing). Otherwise it sees all of them or none (the sharing decision is the patient's), so a
	 * short page is the last one.
	 */
	static <T extends IBaseResource> List<T> of(Class<T> type, DaoRegistry daoRegistry, IIdType patientId,
			RequestDetails request, boolean partialView) {
		String patient = patientId.toUnqualifiedVersionless().getValue();
		// with a partial view a requester's page is cut before the records hidden from it are left out, so it can come
		// back short with more behind it: such a requester's pages run over every stored record instead
		boolean countFirst = partialView && request.getServer() != null;
		int stored = countFirst ? storedCount(type, daoRegistry, patient) : Integer.MAX_VALUE;
		List<T> records = new ArrayList<>();
		for (int offset = 0; offset < stored; offset += PAGE) {
			List<IBaseResource> page = page(type, daoRegistry, patient, request, offset);
			page.forEach(resource -> records.add(type.cast(resource)));
			if (!countFirst && page.size() < PAGE) {
				break;
			}
		}
		return records;
	}

	/** How many records of the type the patient has, counted by the registry itself and told to no one. */
	private static int storedCount(Class<? extends IBaseResource> type, DaoRegistry daoRegistry, String patient) {
		SearchParameterMap params = SearchParameterMap.newSynchronous(PATIENT, new ReferenceParam(patient));
		params.setSummaryMode(SummaryEnum.COUNT);
		params.setSearchTotalMode(SearchTotalModeEnum.ACCURATE);
		Integer count = daoRegistry.getResourceDao(type).search(params, new SystemRequestDetails()).size();
		return count == null ? 0 : count;
	}

	private static List<IBaseResource> page(Class<? extends IBaseResource> type, DaoRegistry daoRegistry, String patient,
			RequestDetails request, int offset) {
		SearchParameterMap params = SearchParameterMap.newSynchronous(PATIENT, new ReferenceParam(patient));
		params.setCount(PAGE);
		params.setOffset(offset);
		return searchPage(daoRegistry.getResourceDao(type), params, request, PAGE, offset);
	}

	/**
	 * One page of a search as the requester, from one query: with a REST request the page is asked for by setting
	 * {@code _count} and {@code _offset} on the request for the time of the search (else HAPI would store the search).
	 */
	static List<IBaseResource> searchPage(IFhirResourceDao<?> dao, SearchParameterMap params, RequestDetails request,
			int count, int offset) {
		if (request.getServer() == null) {
			// not a REST request (the registry's own): the DAO keeps the SearchParameterMap's count and offset
			return dao.search(params, request).getResources(0, Integer.MAX_VALUE);
		}
		// getParameters() is a read-only view; HAPI changes the map it is given back (removeParameter on an error)
		Map<String, String[]> original = new HashMap<>(request.getParameters());
		Map<String, String[]> paged = new HashMap<>(original);
		paged.put(Constants.PARAM_COUNT, new String[] {Integer.toString(count)});
		paged.put(Constants.PARAM_OFFSET, new String[] {Integer.toString(offset)});
		request.setParameters(paged);
		try {
			return dao.search(params, request).getResources(0, Integer.MAX_VALUE);
		} finally {
			request.setParameters(original);
		}
	}
}
