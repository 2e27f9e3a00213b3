package org.immunis.access;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Group;
import org.immunis.identity.RecordOwnership;
import org.immunis.records.RecordTypes;

/**
 * What the access decision knows of the record concerned.
 *
 * @param type the FHIR resource type
 * @param known whether the facts below were read off the record; false when only the type is known (before a read has
 *     loaded the record, or for a search), so a decision that depends on them answers {@link AccessDecision#needsRecord}
 * @param patientId the logical id of the patient the record is about (a Patient's own id, an AuditEvent's patient);
 *     null if it is about none
 * @param recordedBy the logical id of the organization that recorded it (the ownership stamp); null if none did
 * @param managingOrganization for a Group: the logical id of the organization that manages it (a school's roster)
 */
public record RecordFacts(String type, boolean known, String patientId, String recordedBy, String managingOrganization) {

	/** Only the type is known. */
	public static RecordFacts ofType(String type) {
		return new RecordFacts(type, false, null, null, null);
	}

	public static RecordFacts of(String type, String patientId, String recordedBy) {
		return new RecordFacts(type, true, patientId, recordedBy, null);
	}

	/** A record that does not exist: nothing is known of it, so that a denial cannot tell it from a foreign record. */
	public static RecordFacts absent(String type) {
		return of(type, null, null);
	}

	/** The facts of this record. */
	public static RecordFacts of(IBaseResource resource) {
		return new RecordFacts(resource.fhirType(), true, RecordTypes.patientOf(resource),
				RecordOwnership.recordedBy(resource), managerOf(resource));
	}

	/** The same record with another patient (the patient a write would give it). */
	public RecordFacts aboutPatient(String patient) {
		return new RecordFacts(type, true, patient, recordedBy, managingOrganization);
	}

	private static String managerOf(IBaseResource resource) {
		if (resource instanceof Group group && group.hasManagingEntity()) {
			IIdType manager = group.getManagingEntity().getReferenceElement();
			return "Organization".equals(manager.getResourceType()) ? manager.getIdPart() : null;
		}
		return null;
	}
}
