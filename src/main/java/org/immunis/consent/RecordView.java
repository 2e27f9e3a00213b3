package org.immunis.consent;

/**
 * What the sharing decision needs to know about one record about to leave the server.
 *
 * @param type the FHIR resource type
 * @param patientId the logical id of the patient the record is about (a Patient's own id, an AuditEvent's patient);
 *     null when it is about none
 * @param recordedBy the logical id of the organization that recorded it (the ownership stamp), or null
 * @param managingOrganization for a Group: the logical id of the organization that manages it (a school's roster)
 */
public record RecordView(String type, String patientId, String recordedBy, String managingOrganization) {

	public static RecordView of(String type, String patientId, String recordedBy) {
		return new RecordView(type, patientId, recordedBy, null);
	}
}
