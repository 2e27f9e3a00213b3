package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;

/**
 * A stored patient and the Immunizations and Conditions its forecast counts, read with the requester's own request so
 * that the consent rules filter them exactly as they filter a search.
 *
 * <p>A requester with a whole view (every record of the patient of a type it may search, or none) gets them from one
 * search: the Patient by id with its Immunizations and Conditions as reverse includes. That is one search and one
 * database transaction instead of a read and two searches, which were most of the server's time for a forecast. HAPI
 * loads at most {@link JpaStorageSettings#getMaximumIncludesToLoadPerPage()} included records; a patient with that
 * many is read page by page instead, as is every patient of a requester with a partial view ({@link PatientRecords}).
 */
record StoredPatientRecords(Patient patient, List<Immunization> immunizations, List<Condition> conditions) {

	private static final Include IMMUNIZATIONS = new Include("Immunization:patient");
	private static final Include CONDITIONS = new Include("Condition:patient");

	/**
	 * @param withConditions whether the requester may search Conditions at all (else none are read)
	 * @param partialView the requester may see some of the patient's records and not others
	 */
	static StoredPatientRecords read(DaoRegistry daoRegistry, JpaStorageSettings storage, IdType patientId,
			RequestDetails request, boolean withConditions, boolean partialView) {
		if (!partialView) {
			StoredPatientRecords records = inOneSearch(daoRegistry, storage, patientId, request, withConditions);
			if (records != null) {
				return records;
			}
		}
		Patient patient = daoRegistry.getResourceDao(Patient.class).read(patientId, request);
		return new StoredPatientRecords(patient,
				PatientRecords.immunizations(daoRegistry, patientId, request, partialView),
				withConditions ? PatientRecords.of(Condition.class, daoRegistry, patientId, request, partialView) : List.of());
	}

	/** The records from one search, or null when the patient has so many that HAPI may have left some out. */
	private static StoredPatientRecords inOneSearch(DaoRegistry daoRegistry, JpaStorageSettings storage, IdType patientId,
			RequestDetails request, boolean withConditions) {
		SearchParameterMap params = SearchParameterMap.newSynchronous("_id", new TokenParam(patientId.getIdPart()));
		params.addRevInclude(IMMUNIZATIONS);
		if (withConditions) {
			params.addRevInclude(CONDITIONS);
		}
		params.setCount(1);
		params.setOffset(0);
		List<IBaseResource> found = PatientRecords.searchPage(daoRegistry.getResourceDao(Patient.class), params, request, 1, 0);
		Patient patient = null;
		List<Immunization> immunizations = new ArrayList<>();
		List<Condition> conditions = new ArrayList<>();
		for (IBaseResource resource : found) {
			if (resource instanceof Patient read) {
				patient = read;
			} else if (resource instanceof Immunization immunization) {
				immunizations.add(immunization);
			} else if (resource instanceof Condition condition) {
				conditions.add(condition);
			}
		}
		if (patient == null) {
			throw new ResourceNotFoundException(patientId);
		}
		Integer limit = storage.getMaximumIncludesToLoadPerPage();
		if (limit != null && immunizations.size() + conditions.size() >= limit) {
			return null;
		}
		return new StoredPatientRecords(patient, immunizations, conditions);
	}
}
