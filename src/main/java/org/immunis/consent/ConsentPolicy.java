package org.immunis.consent;

import org.immunis.identity.Role;
import org.immunis.records.RecordKind;
import org.immunis.records.RecordTypes;

/**
 * The registry's sharing decision, applied to every record that leaves the server: may this viewer see this record of
 * this patient, given whether the patient objects to data sharing? Plain Java, no HAPI or Spring; denies by default.
 *
 * <pre>
 * record kind                    | viewer                   | patient shares            | patient objects
 * -------------------------------+--------------------------+---------------------------+---------------------------
 * directory (Organization, ...)  | anyone                   | visible                   | visible
 * definition (Measure)           | anyone                   | visible                   | visible
 * envelope (Bundle, Parameters,  | anyone                   | visible; what it carries is decided record by record
 *   OperationOutcome)            |                          |                           |
 * any                            | registry admin           | visible                   | visible
 * patient record (Patient,       | patient / guardian       | own patients only         | own patients only
 *   Immunization, Recommendation,| provider X               | visible                   | Patient: if X recorded
 *   Evaluation, RelatedPerson,   |                          |                           |   something for them;
 *   Condition)                   |                          |                           | Immunization, Condition: if
 *                                |                          |                           |   X recorded it; else hidden
 *                                | school S                 | if on a roster S manages  | hidden
 *                                | board of health B        | if resident of B's town   | hidden
 *                                | public-health program,   | visible                   | hidden
 *                                |   researcher             |                           |
 * Consent (objection history)    | patient / guardian       | own patients only         | own patients only
 *                                | provider X               | if X recorded it          | if X recorded it
 *                                | others                   | hidden                    | hidden
 * AuditEvent                     | patient / guardian       | about own patients only   | about own patients only
 * Group (roster)                 | its managing organization| visible                   | visible
 * anything else (Binary,         | all but the admin        | hidden                    | hidden
 *   Provenance, ...)             |                          |                           |
 * </pre>
 *
 * A record of a patient type that names no patient is hidden from everyone but the registry admin.
 */
public final class ConsentPolicy {

	private ConsentPolicy() {}

	public static SharingDecision decide(Viewer viewer, RecordView record, PatientSharing patient) {
		if (viewer.role() == null) {
			return SharingDecision.hidden("no role");
		}
		if (RecordTypes.is(record.type(), RecordKind.DIRECTORY)) {
			return SharingDecision.visible("directory data");
		}
		if (RecordTypes.is(record.type(), RecordKind.ENVELOPE)) {
			return SharingDecision.visible("an envelope; the records in it are decided one by one");
		}
		if (viewer.role() == Role.REGISTRY_ADMIN) {
			return SharingDecision.visible("registry admin");
		}
		if (RecordTypes.is(record.type(), RecordKind.PATIENT_RECORD)) {
			return patientRecord(viewer, record, patient);
		}
		switch (record.type()) {
			case "Consent":
				if (viewer.role() == Role.PATIENT) {
					return ownPatient(viewer, record);
				}
				return viewer.role() == Role.PROVIDER && viewer.isOrganization(record.recordedBy())
						? SharingDecision.visible("a consent record the provider filed")
						: SharingDecision.hidden("consent records are for the patient, the filing provider and the admin");
			case "AuditEvent":
				return viewer.role() == Role.PATIENT
						? ownPatient(viewer, record)
						: SharingDecision.hidden("audit records are for the patient and the admin");
			case "Group":
				return viewer.role().actsForOrganization() && viewer.isOrganization(record.managingOrganization())
						? SharingDecision.visible("a roster the organization manages")
						: SharingDecision.hidden("rosters are for their managing organization");
			default:
				return SharingDecision.hidden("registry-only record");
		}
	}

	private static SharingDecision patientRecord(Viewer viewer, RecordView record, PatientSharing patient) {
		if (record.patientId() == null) {
			return SharingDecision.hidden("a patient record that names no patient");
		}
		switch (viewer.role()) {
			case PATIENT:
				return ownPatient(viewer, record);
			case PROVIDER:
				return provider(viewer, record, patient);
			case SCHOOL:
				if (patient.objecting()) {
					return SharingDecision.hidden("the patient objects to data sharing");
				}
				return patient.onViewersRoster()
						? SharingDecision.visible("on the school's roster")
						: SharingDecision.hidden("not on the school's roster");
			case BOARD_OF_HEALTH:
				if (patient.objecting()) {
					return SharingDecision.hidden("the patient objects to data sharing");
				}
				return patient.inViewersJurisdiction()
						? SharingDecision.visible("a resident of the board's jurisdiction")
						: SharingDecision.hidden("not a resident of the board's jurisdiction");
			case PUBLIC_HEALTH_PROGRAM:
			case RESEARCHER:
				return patient.objecting()
						? SharingDecision.hidden("the patient objects to data sharing")
						: SharingDecision.visible("the patient shares");
			default:
				return SharingDecision.hidden("no rule for role " + viewer.role().claimValue());
		}
	}

	private static SharingDecision provider(Viewer viewer, RecordView record, PatientSharing patient) {
		if (!patient.objecting()) {
			return SharingDecision.visible("the patient shares");
		}
		if ("Patient".equals(record.type())) {
			return patient.viewerRecordedForPatient() || viewer.isOrganization(record.recordedBy())
					? SharingDecision.visible("the provider recorded data for the objecting patient")
					: SharingDecision.hidden("the patient objects and the provider recorded nothing for them");
		}
		if ("Immunization".equals(record.type()) || "Condition".equals(record.type())) {
			return viewer.isOrganization(record.recordedBy())
					? SharingDecision.visible("the provider recorded this " + record.type().toLowerCase())
					: SharingDecision.hidden("the patient objects; the record was made by another organization");
		}
		return SharingDecision.hidden("the patient objects to data sharing");
	}

	private static SharingDecision ownPatient(Viewer viewer, RecordView record) {
		return viewer.actsFor(record.patientId())
				? SharingDecision.visible("a patient the requester acts for")
				: SharingDecision.hidden("not a patient the requester acts for");
	}

	/** Whether this viewer's view of patient records depends on the patient's objection (everyone but patient and admin). */
	public static boolean objectionApplies(Role role) {
		return role != null && role != Role.REGISTRY_ADMIN && role != Role.PATIENT;
	}
}
