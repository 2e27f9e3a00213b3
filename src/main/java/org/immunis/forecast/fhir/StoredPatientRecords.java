package org.immunis.forecast.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.immunis.consent.InstanceRecord;
import org.immunis.consent.SharingEnforcement;
import org.immunis.storage.CurrentVersions;

/**
 * A stored patient and the Immunizations and Conditions its forecast counts: exactly those the requester may see.
 *
 * <p>The Patient is the one the read path guard read and decided when the request arrived (read again only for the
 * registry admin, whom the guard lets through unread). The Immunizations and Conditions are the patient's current
 * records ({@link CurrentVersions#ofPatient}), read as the registry in one transaction without HAPI's search machinery, and
 * then decided one by one for the requester by the sharing decision, as a search decides its matches
 * ({@link SharingEnforcement#visibleToRequester}); a Patient hidden from the requester answers as an unknown id.
 */
record StoredPatientRecords(Patient patient, List<Immunization> immunizations, List<Condition> conditions) {

	/**
	 * @param withConditions whether the requester may search Conditions at all (else none are read)
	 */
	static StoredPatientRecords read(DaoRegistry daoRegistry, CurrentVersions currentVersions,
			SharingEnforcement sharing, IdType patientId, RequestDetails request, boolean withConditions) {
		IBaseResource guarded = InstanceRecord.of(request, patientId)
				.orElseGet(() -> daoRegistry.getResourceDao(Patient.class).read(patientId, request));
		if (!(guarded instanceof Patient patient) || sharing.visibleToRequester(request, List.of(patient)).isEmpty()) {
			throw new ResourceNotFoundException(patientId);
		}
		List<Class<? extends IBaseResource>> types = withConditions
				? List.of(Immunization.class, Condition.class) : List.of(Immunization.class);
		List<IBaseResource> stored = currentVersions.ofPatient(patientId.getIdPart(), types);
		List<Immunization> immunizations = new ArrayList<>();
		List<Condition> conditions = new ArrayList<>();
		for (IBaseResource record : sharing.visibleToRequester(request, stored)) {
			if (record instanceof Immunization immunization) {
				immunizations.add(immunization);
			} else if (record instanceof Condition condition) {
				conditions.add(condition);
			}
		}
		return new StoredPatientRecords(patient, immunizations, conditions);
	}
}
