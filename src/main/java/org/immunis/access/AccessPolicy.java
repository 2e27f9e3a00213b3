package org.immunis.access;

import java.util.List;
import org.immunis.identity.Interaction;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;
import org.immunis.identity.SmartScope;
import org.immunis.records.Readers;
import org.immunis.records.RecordKind;
import org.immunis.records.RecordType;
import org.immunis.records.RecordTypes;
import org.immunis.records.Writers;

/**
 * The registry's one access decision: (requester, interaction, record facts, patient sharing state) to allow or deny,
 * naming the {@link Rule} applied. Plain Java, no HAPI or Spring; denies by default. It is asked twice of a read: when
 * the request arrives ({@code patient == null}: may the requester ask this?) and for every record about to leave the
 * server ({@code patient} given: may the requester be shown this record?). A record hidden when shown is left out as if
 * it did not exist, so that it answers like an unknown one; a refused request answers 403 whether the record exists or not.
 * Who reads and writes each type is the {@link RecordTypes} registry's ({@link Readers}, {@link Writers}).
 *
 * <pre>
 * ASKED (before anything is read or stored), in order; the first rule that answers decides
 *  1 the requester names no role, or not the affiliation its role needs         | deny   REQUESTER_UNUSABLE
 *  2 the role table below says never                                            | deny   ROLE_NEVER
 *  3 no granted SMART scope covers the type and interaction                     | deny   NO_SCOPE
 *  4 the role table says "own patients" (or only patient-context scopes cover   | needs the record's patient:
 *    it) and the type is about patients                                         |   deny NOT_A_PATIENT_ACTED_FOR unless
 *                                                                               |   acted for (or the fhirUser's own Patient)
 *  5 the role table says "own organization's records"                           | needs the record's stamp:
 *                                                                               |   deny NOT_THE_RECORDING_ORGANIZATION
 *  6 otherwise                                                                  | allow  ROLE_AND_SCOPES_ALLOW
 *
 * THE ROLE TABLE (what a role may ever do; readers and writers are the type's in RecordTypes)
 *  (any role)            | write: never a type THE_SERVER writes (the audit trail)
 *  (any but the admin)   | nothing of a type RecordTypes does not classify
 *  registry admin        | everything else
 *  provider              | read: every type but THE_PATIENT's; create: types PROVIDERS write; update, delete: those
 *                        |   records of them its organization recorded
 *  school, board of      | read: every type but THE_PATIENT's; nothing else
 *  health, program,      |
 *  researcher            |
 *  patient / guardian    | read: directory data; records about its own patients; create, update: its own patients'
 *                        |   records of types PROVIDERS_AND_PATIENTS write (its objection)
 *
 * SHOWN (a record about to leave the server; what the record is about decides, scopes do not; a write is always
 * decided as asked), in order
 *  1 the requester is unusable                                                  | hidden REQUESTER_UNUSABLE
 *  2 directory data (Organization, Measure, ...)                                | shown  DIRECTORY
 *  3 an envelope (Bundle, Parameters, OperationOutcome): its records are        | shown  ENVELOPE
 *    decided one by one                                                         |
 *  4 the requester is the registry admin                                        | shown  REGISTRY_ADMIN
 *  5 the role table says never                                                  | hidden ROLE_NEVER
 *  6 by the type's readers:
 *    AS_THE_PATIENT_SHARES       | patient / guardian | own patients only (PATIENT_ACTED_FOR, NOT_A_PATIENT_ACTED_FOR)
 *    (Patient, Immunization,     | names no patient   | hidden NO_PATIENT_NAMED
 *     Condition, Recommendation, | provider X         | shares: shown; objects: the Patient if X recorded anything
 *     Evaluation, RelatedPerson) |                    |   for them, a record of a type providers write if X
 *                                |                    |   recorded it, else hidden OBJECTION
 *                                | school S           | objects: hidden; shares: if on a roster S manages
 *                                | board of health B  | objects: hidden; shares: if a resident of B's town
 *                                | program, researcher| objects: hidden; shares: shown
 *    THE_PATIENT_AND_THE_RECORDER| patient / guardian | own patients only
 *     (Consent)                  | provider X         | if X recorded it
 *                                | others             | hidden
 *    THE_PATIENT (AuditEvent)    | patient / guardian | about own patients only
 *    THE_MANAGING_ORGANIZATION   | an organization    | if it manages it
 *     (Group)                    |                    |
 *    THE_ADMIN (Binary, Task...) | everyone else      | hidden REGISTRY_ONLY
 * </pre>
 */
public final class AccessPolicy {

	/** The rules the decision applies; every decision names one. */
	public enum Rule {
		REQUESTER_UNUSABLE("the requester may do nothing"),
		ROLE_NEVER("the role may never do this"),
		NO_SCOPE("no granted scope allows it"),
		DEPENDS_ON_THE_RECORD("depends on the record"),
		NOT_A_PATIENT_ACTED_FOR("the record is not about a patient the requester acts for"),
		NOT_THE_RECORDING_ORGANIZATION("only the organization that recorded it may change this record"),
		ROLE_AND_SCOPES_ALLOW("allowed"),
		DIRECTORY("directory data"),
		ENVELOPE("an envelope; the records in it are decided one by one"),
		REGISTRY_ADMIN("registry admin"),
		PATIENT_ACTED_FOR("a patient the requester acts for"),
		NO_PATIENT_NAMED("a patient record that names no patient"),
		PATIENT_SHARES("the patient shares"),
		OBJECTION("the patient objects to data sharing"),
		RECORDED_BY_THE_REQUESTER("the requester's organization recorded it"),
		RECORDED_FOR_THE_PATIENT("the provider recorded data for the objecting patient"),
		ON_THE_ROSTER("on the school's roster"),
		NOT_ON_THE_ROSTER("not on the school's roster"),
		IN_THE_JURISDICTION("a resident of the board's jurisdiction"),
		NOT_IN_THE_JURISDICTION("not a resident of the board's jurisdiction"),
		NOT_THE_RECORDER("the record is for the patient, the organization that recorded it and the admin"),
		MANAGED_ROSTER("a roster the organization manages"),
		NOT_THE_MANAGER("rosters are for their managing organization"),
		REGISTRY_ONLY("registry-only record");

		private final String description;

		Rule(String description) {
			this.description = description;
		}

		public String description() {
			return description;
		}
	}

	/** Under which condition the role table lets a role do an interaction on a type. */
	private enum Condition {
		ALWAYS,
		/** only on records about a patient the requester acts for */
		OWN_PATIENTS,
		/** only on records the requester's organization recorded */
		OWN_ORGANIZATION_RECORDS,
		NEVER
	}

	private AccessPolicy() {}

	/**
	 * @param record what is known of the record concerned (at least its type)
	 * @param patient the sharing state, relative to the requester, of the patient a record about to be shown is about
	 *     ({@link PatientSharing#SHARING} for a record about no patient); null when the request is decided as asked.
	 *     A write is always decided as asked.
	 */
	public static AccessDecision decide(Requester requester, Interaction interaction, RecordFacts record, PatientSharing patient) {
		String unusable = whyUnusable(requester);
		if (unusable != null) {
			return AccessDecision.deny(Rule.REQUESTER_UNUSABLE, unusable);
		}
		RecordType type = RecordTypes.of(record.type()).orElse(null);
		Condition condition = roleTable(requester.role(), type, interaction);
		return patient == null || !interaction.isRead()
				? asked(requester, interaction, record, condition)
				: shown(requester, type, record, patient, condition);
	}

	private static AccessDecision asked(Requester requester, Interaction interaction, RecordFacts record, Condition condition) {
		String type = record.type();
		String verb = interaction.name().toLowerCase();
		if (condition == Condition.NEVER) {
			return AccessDecision.deny(Rule.ROLE_NEVER, "role " + requester.role().claimValue() + " may not " + verb + " " + type);
		}
		List<SmartScope> scopes = requester.scopes().covering(type, interaction);
		if (scopes.isEmpty()) {
			return AccessDecision.deny(Rule.NO_SCOPE, "no granted scope allows " + verb + " " + type);
		}
		boolean patientScopesOnly = scopes.stream().allMatch(scope -> scope.context() == SmartScope.Context.PATIENT);
		boolean needsPatient = RecordTypes.isAboutPatients(type) && (condition == Condition.OWN_PATIENTS || patientScopesOnly);
		boolean needsOwner = condition == Condition.OWN_ORGANIZATION_RECORDS;
		if (!needsPatient && !needsOwner) {
			return AccessDecision.allow(Rule.ROLE_AND_SCOPES_ALLOW);
		}
		if (!record.known()) {
			return AccessDecision.needsRecord();
		}
		if (needsPatient && !actsFor(requester, record, interaction)) {
			return AccessDecision.deny(Rule.NOT_A_PATIENT_ACTED_FOR);
		}
		if (needsOwner && !recordedByRequester(requester, record)) {
			return AccessDecision.deny(Rule.NOT_THE_RECORDING_ORGANIZATION);
		}
		return AccessDecision.allow(Rule.ROLE_AND_SCOPES_ALLOW);
	}

	private static AccessDecision shown(
			Requester requester, RecordType type, RecordFacts record, PatientSharing patient, Condition condition) {
		if (RecordTypes.is(record.type(), RecordKind.DIRECTORY)) {
			return AccessDecision.allow(Rule.DIRECTORY);
		}
		if (RecordTypes.is(record.type(), RecordKind.ENVELOPE)) {
			return AccessDecision.allow(Rule.ENVELOPE);
		}
		if (requester.role() == Role.REGISTRY_ADMIN) {
			return AccessDecision.allow(Rule.REGISTRY_ADMIN);
		}
		if (condition == Condition.NEVER) {
			return AccessDecision.deny(Rule.ROLE_NEVER);
		}
		switch (type.readers()) {
			case AS_THE_PATIENT_SHARES:
				return patientRecord(requester, record, patient);
			case THE_PATIENT_AND_THE_RECORDER:
				if (requester.role() == Role.PATIENT) {
					return ownPatient(requester, record);
				}
				return requester.role() == Role.PROVIDER && recordedByRequester(requester, record)
						? AccessDecision.allow(Rule.RECORDED_BY_THE_REQUESTER)
						: AccessDecision.deny(Rule.NOT_THE_RECORDER);
			case THE_PATIENT:
				return ownPatient(requester, record);
			case THE_MANAGING_ORGANIZATION:
				return requester.role().actsForOrganization() && requester.organizationId() != null
						&& requester.organizationId().equals(record.managingOrganization())
						? AccessDecision.allow(Rule.MANAGED_ROSTER)
						: AccessDecision.deny(Rule.NOT_THE_MANAGER);
			default:
				return AccessDecision.deny(Rule.REGISTRY_ONLY);
		}
	}

	private static AccessDecision patientRecord(Requester requester, RecordFacts record, PatientSharing patient) {
		if (record.patientId() == null) {
			return AccessDecision.deny(Rule.NO_PATIENT_NAMED);
		}
		return switch (requester.role()) {
			case PATIENT -> ownPatient(requester, record);
			case PROVIDER -> provider(requester, record, patient);
			case SCHOOL -> patient.objecting() ? AccessDecision.deny(Rule.OBJECTION)
					: patient.onViewersRoster() ? AccessDecision.allow(Rule.ON_THE_ROSTER)
					: AccessDecision.deny(Rule.NOT_ON_THE_ROSTER);
			case BOARD_OF_HEALTH -> patient.objecting() ? AccessDecision.deny(Rule.OBJECTION)
					: patient.inViewersJurisdiction() ? AccessDecision.allow(Rule.IN_THE_JURISDICTION)
					: AccessDecision.deny(Rule.NOT_IN_THE_JURISDICTION);
			case PUBLIC_HEALTH_PROGRAM, RESEARCHER -> patient.objecting() ? AccessDecision.deny(Rule.OBJECTION)
					: AccessDecision.allow(Rule.PATIENT_SHARES);
			case REGISTRY_ADMIN -> AccessDecision.allow(Rule.REGISTRY_ADMIN);
		};
	}

	// Of an objecting patient a provider sees what its organization recorded, and the Patient it recorded data for.
	private static AccessDecision provider(Requester requester, RecordFacts record, PatientSharing patient) {
		if (!patient.objecting()) {
			return AccessDecision.allow(Rule.PATIENT_SHARES);
		}
		Writers writers = RecordTypes.of(record.type()).map(RecordType::writers).orElse(Writers.THE_ADMIN);
		boolean providersWrite = writers == Writers.PROVIDERS || writers == Writers.PROVIDERS_AND_PATIENTS;
		if (providersWrite && recordedByRequester(requester, record)) {
			return AccessDecision.allow(Rule.RECORDED_BY_THE_REQUESTER);
		}
		return "Patient".equals(record.type()) && patient.viewerRecordedForPatient()
				? AccessDecision.allow(Rule.RECORDED_FOR_THE_PATIENT)
				: AccessDecision.deny(Rule.OBJECTION);
	}

	private static AccessDecision ownPatient(Requester requester, RecordFacts record) {
		return actsFor(requester, record, Interaction.READ)
				? AccessDecision.allow(Rule.PATIENT_ACTED_FOR)
				: AccessDecision.deny(Rule.NOT_A_PATIENT_ACTED_FOR);
	}

	// The patients acted for; and the SMART fhirUser's own Patient record, nothing else of theirs, when a launch context
	// names another.
	private static boolean actsFor(Requester requester, RecordFacts record, Interaction interaction) {
		return requester.actsForPatient(record.patientId())
				|| "Patient".equals(record.type()) && interaction.isRead()
				&& requester.ownPatient() != null && requester.ownPatient().equals(record.patientId());
	}

	private static boolean recordedByRequester(Requester requester, RecordFacts record) {
		return record.recordedBy() != null && record.recordedBy().equals(requester.organizationId());
	}

	// a type the registry does not classify is for the registry admin only
	private static Condition roleTable(Role role, RecordType type, Interaction interaction) {
		if (type == null) {
			return role == Role.REGISTRY_ADMIN ? Condition.ALWAYS : Condition.NEVER;
		}
		if (!interaction.isRead() && type.writers() == Writers.THE_SERVER) {
			return Condition.NEVER;
		}
		return switch (role) {
			case REGISTRY_ADMIN -> Condition.ALWAYS;
			case PROVIDER -> provider(type, interaction);
			case PATIENT -> patient(type, interaction);
			case SCHOOL, BOARD_OF_HEALTH, PUBLIC_HEALTH_PROGRAM, RESEARCHER ->
					interaction.isRead() && type.readers() != Readers.THE_PATIENT ? Condition.ALWAYS : Condition.NEVER;
		};
	}

	private static Condition provider(RecordType type, Interaction interaction) {
		if (interaction.isRead()) {
			return type.readers() == Readers.THE_PATIENT ? Condition.NEVER : Condition.ALWAYS;
		}
		if (type.writers() != Writers.PROVIDERS && type.writers() != Writers.PROVIDERS_AND_PATIENTS) {
			return Condition.NEVER;
		}
		return interaction == Interaction.CREATE ? Condition.ALWAYS : Condition.OWN_ORGANIZATION_RECORDS;
	}

	private static Condition patient(RecordType type, Interaction interaction) {
		if (interaction.isRead()) {
			if (type.kind() == RecordKind.DIRECTORY) {
				return Condition.ALWAYS;
			}
			return type.isAboutPatients() ? Condition.OWN_PATIENTS : Condition.NEVER;
		}
		boolean ownRecordWrite = type.writers() == Writers.PROVIDERS_AND_PATIENTS
				&& (interaction == Interaction.CREATE || interaction == Interaction.UPDATE);
		return ownRecordWrite ? Condition.OWN_PATIENTS : Condition.NEVER;
	}

	/** Why a requester can do nothing at all (no role, or not the affiliation its role needs), or null if it can. */
	public static String whyUnusable(Requester requester) {
		if (requester.role() == null) {
			return "the token names no registry role";
		}
		if (requester.role().actsForOrganization() && requester.organization() == null) {
			return "the token names no organization for role " + requester.role().claimValue();
		}
		if (requester.role() == Role.RESEARCHER && requester.study() == null) {
			return "the token names no approved study";
		}
		if (requester.role() == Role.PATIENT && requester.patients().isEmpty()) {
			return "the token names no patient";
		}
		return null;
	}

	/** Whether this role's view of patient records depends on the patient's objection (everyone but patient and admin). */
	public static boolean objectionApplies(Role role) {
		return role != null && role != Role.REGISTRY_ADMIN && role != Role.PATIENT;
	}
}
