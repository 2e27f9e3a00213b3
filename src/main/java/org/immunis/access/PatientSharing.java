package org.immunis.access;

/**
 * What is known of the patient a record is about, relative to the viewer; loaded fresh for every request.
 *
 * @param objecting the patient has an active objection to data sharing
 * @param onViewersRoster the patient is a member of a roster Group managed by the viewer's organization (a school)
 * @param inViewersJurisdiction the patient lives in the town or district of the viewer's organization (a board of health)
 * @param viewerRecordedForPatient the viewer's organization recorded something for the patient (the Patient record or
 *     a record of a type providers write, an Immunization, a Condition or a Consent, carries its stamp)
 */
public record PatientSharing(
		boolean objecting, boolean onViewersRoster, boolean inViewersJurisdiction, boolean viewerRecordedForPatient) {

	public static final PatientSharing SHARING = new PatientSharing(false, false, false, false);
	public static final PatientSharing OBJECTING = new PatientSharing(true, false, false, false);
}
