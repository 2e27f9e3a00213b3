package org.immunis.identity;

/**
 * What the permission decision needs to know about one record.
 *
 * @param patientId the logical id of the patient the record is about (a Patient's own id); null if it is about none
 * @param recordedBy the logical id of the organization that recorded it (the ownership stamp); null if none did
 */
public record RecordFacts(String patientId, String recordedBy) {

	/** What is known of a record that does not exist: nothing, so that a denial cannot tell it from a foreign record. */
	public static final RecordFacts NONE = new RecordFacts(null, null);
}
