package org.immunis.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.immunis.records.RecordKind;
import org.immunis.records.RecordTypes;
import org.immunis.identity.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sharing decision as a table: role x record kind x patient state. The viewer's organization is {@code X}, the
 * patient acted for {@code p1}; "mine" means the record (or its patient) relates to the viewer as the column says.
 */
class ConsentPolicyTest {

	private static final List<String> TYPES = List.of("Patient", "Immunization", "ImmunizationRecommendation",
			"ImmunizationEvaluation", "RelatedPerson", "Condition", "Consent", "AuditEvent", "Group", "Organization", "Practitioner",
			"PractitionerRole", "Location", "Binary", "Provenance", "Task", "Bundle", "OperationOutcome");

	@ParameterizedTest(name = "{0} sees {1} (objects={2}, roster={3}, town={4}, recorded-for={5}, stamp={6}, patient={7}): {8}")
	@CsvSource({
		// role,              type,                       objects, roster, town, recFor, stamp, patient, visible
		"registry-admin,       Patient,                    false,  false,  false, false, ,      p9,      true",
		"registry-admin,       Patient,                    true,   false,  false, false, ,      p9,      true",
		"registry-admin,       Immunization,               true,   false,  false, false, Y,     p9,      true",
		"registry-admin,       Consent,                    true,   false,  false, false, Y,     p9,      true",
		"registry-admin,       AuditEvent,                 false,  false,  false, false, ,      p9,      true",
		"registry-admin,       Binary,                     false,  false,  false, false, ,      ,        true",
		"registry-admin,       Group,                      false,  false,  false, false, ,      ,        true",
		"patient,              Patient,                    false,  false,  false, false, ,      p1,      true",
		"patient,              Patient,                    true,   false,  false, false, ,      p1,      true",
		"patient,              Patient,                    false,  false,  false, false, ,      p9,      false",
		"patient,              Immunization,               true,   false,  false, false, Y,     p1,      true",
		"patient,              Immunization,               false,  false,  false, false, Y,     p9,      false",
		"patient,              ImmunizationRecommendation, true,   false,  false, false, ,      p1,      true",
		"patient,              RelatedPerson,              true,   false,  false, false, ,      p1,      true",
		"patient,              Consent,                    true,   false,  false, false, Y,     p1,      true",
		"patient,              Consent,                    false,  false,  false, false, Y,     p9,      false",
		"patient,              AuditEvent,                 true,   false,  false, false, ,      p1,      true",
		"patient,              AuditEvent,                 false,  false,  false, false, ,      p9,      false",
		"patient,              Group,                      false,  false,  false, false, ,      ,        false",
		"patient,              Binary,                     false,  false,  false, false, ,      ,        false",
		"patient,              Organization,               false,  false,  false, false, ,      ,        true",
		"provider,             Patient,                    false,  false,  false, false, ,      p9,      true",
		"provider,             Patient,                    true,   false,  false, false, ,      p9,      false",
		"provider,             Patient,                    true,   false,  false, true,  ,      p9,      true",
		"provider,             Patient,                    true,   false,  false, false, X,     p9,      true",
		"provider,             Immunization,               false,  false,  false, false, Y,     p9,      true",
		"provider,             Immunization,               true,   false,  false, true,  Y,     p9,      false",
		"provider,             Immunization,               true,   false,  false, true,  X,     p9,      true",
		"provider,             Condition,                  false,  false,  false, false, Y,     p9,      true",
		"provider,             Condition,                  true,   false,  false, true,  Y,     p9,      false",
		"provider,             Condition,                  true,   false,  false, true,  X,     p9,      true",
		"school,               Condition,                  true,   true,   false, false, X,     p9,      false",
		"patient,              Condition,                  true,   false,  false, false, Y,     p1,      true",
		"provider,             ImmunizationRecommendation, false,  false,  false, false, ,      p9,      true",
		"provider,             ImmunizationRecommendation, true,   false,  false, true,  X,     p9,      false",
		"provider,             ImmunizationEvaluation,     true,   false,  false, true,  X,     p9,      false",
		"provider,             RelatedPerson,              true,   false,  false, true,  X,     p9,      false",
		"provider,             RelatedPerson,              false,  false,  false, false, ,      p9,      true",
		"provider,             Consent,                    true,   false,  false, true,  X,     p9,      true",
		"provider,             Consent,                    false,  false,  false, false, Y,     p9,      false",
		"provider,             AuditEvent,                 false,  false,  false, false, ,      p9,      false",
		"provider,             Group,                      false,  false,  false, false, ,      ,        false",
		"provider,             Binary,                     false,  false,  false, false, X,     ,        false",
		"provider,             Patient,                    false,  false,  false, false, ,      ,        false",
		"provider,             Organization,               true,   false,  false, false, ,      ,        true",
		"school,               Patient,                    false,  true,   false, false, ,      p9,      true",
		"school,               Patient,                    false,  false,  false, false, ,      p9,      false",
		"school,               Patient,                    true,   true,   false, false, ,      p9,      false",
		"school,               Immunization,               false,  true,   false, false, Y,     p9,      true",
		"school,               Immunization,               true,   true,   false, false, X,     p9,      false",
		"school,               Consent,                    false,  true,   false, false, ,      p9,      false",
		"school,               AuditEvent,                 false,  true,   false, false, ,      p9,      false",
		"school,               Group,                      false,  false,  false, false, ,      ,        false",
		"school,               Location,                   false,  false,  false, false, ,      ,        true",
		"board-of-health,      Patient,                    false,  false,  true,  false, ,      p9,      true",
		"board-of-health,      Patient,                    false,  false,  false, false, ,      p9,      false",
		"board-of-health,      Patient,                    true,   false,  true,  false, ,      p9,      false",
		"board-of-health,      Immunization,               false,  false,  true,  false, ,      p9,      true",
		"board-of-health,      Immunization,               true,   false,  true,  false, X,     p9,      false",
		"board-of-health,      Consent,                    false,  false,  true,  false, ,      p9,      false",
		"public-health-program,Patient,                    false,  false,  false, false, ,      p9,      true",
		"public-health-program,Patient,                    true,   false,  false, false, ,      p9,      false",
		"public-health-program,Immunization,               false,  false,  false, false, ,      p9,      true",
		"public-health-program,Immunization,               true,   false,  false, false, X,     p9,      false",
		"public-health-program,Consent,                    false,  false,  false, false, ,      p9,      false",
		"researcher,           Patient,                    false,  false,  false, false, ,      p9,      true",
		"researcher,           Patient,                    true,   false,  false, false, ,      p9,      false",
		"researcher,           ImmunizationRecommendation, false,  false,  false, false, ,      p9,      true",
		"researcher,           Immunization,               true,   false,  false, false, ,      p9,      false",
		"researcher,           AuditEvent,                 false,  false,  false, false, ,      p9,      false",
		"researcher,           Binary,                     false,  false,  false, false, ,      ,        false",
	})
	void decisionTable(String role, String type, boolean objects, boolean roster, boolean town, boolean recordedFor,
			String stamp, String patient, boolean visible) {
		Viewer viewer = new Viewer(Role.fromClaim(role).orElseThrow(), "X", Set.of("p1"));
		RecordView record = new RecordView(type, patient, stamp, null);
		SharingDecision decision = ConsentPolicy.decide(viewer, record, new PatientSharing(objects, roster, town, recordedFor));
		assertThat(decision.visible()).as(decision.reason()).isEqualTo(visible);
		assertThat(decision.reason()).isNotBlank();
	}

	@ParameterizedTest(name = "{0} sees {3} of {2}")
	@MethodSource("everyCell")
	void invariantsHoldInEveryCell(Role role, String type, PatientSharing patient, RecordView record) {
		Viewer viewer = new Viewer(role, "X", Set.of("p1"));
		boolean visible = ConsentPolicy.decide(viewer, record, patient).visible();

		if (role == Role.REGISTRY_ADMIN || RecordTypes.is(type, RecordKind.DIRECTORY) || RecordTypes.is(type, RecordKind.ENVELOPE)) {
			assertThat(visible).isTrue();
			return;
		}
		if (role == Role.PATIENT) {
			boolean patientData = RecordTypes.is(type, RecordKind.PATIENT_RECORD) || type.equals("Consent") || type.equals("AuditEvent");
			assertThat(visible).isEqualTo(patientData && "p1".equals(record.patientId()));
			return;
		}
		// the objection: school, board, program and researcher see nothing of an objecting patient
		if (patient.objecting() && role != Role.PROVIDER && RecordTypes.is(type, RecordKind.PATIENT_RECORD)) {
			assertThat(visible).isFalse();
		}
		// a provider sees of an objecting patient only the Patient and the immunizations and conditions it recorded (and
		// its filings)
		if (patient.objecting() && role == Role.PROVIDER && visible && !type.equals("Group")) {
			assertThat(type).isIn("Patient", "Immunization", "Condition", "Consent");
			if (!type.equals("Patient")) {
				assertThat(record.recordedBy()).isEqualTo("X");
			}
		}
		// never: audit records, registry-only records, orphaned patient records, foreign rosters
		if (Set.of("AuditEvent", "Binary", "Provenance", "Task").contains(type)
				|| (RecordTypes.is(type, RecordKind.PATIENT_RECORD) && record.patientId() == null)) {
			assertThat(visible).isFalse();
		}
		if (type.equals("Group")) {
			assertThat(visible).isEqualTo(role.actsForOrganization() && "X".equals(record.managingOrganization()));
		}
		if (type.equals("Consent")) {
			assertThat(visible).isEqualTo(role == Role.PROVIDER && "X".equals(record.recordedBy()));
		}
		// sharing patients: program and researcher see everything of them; school and board what their relation allows
		if (!patient.objecting() && RecordTypes.is(type, RecordKind.PATIENT_RECORD) && record.patientId() != null) {
			boolean expected = switch (role) {
				case SCHOOL -> patient.onViewersRoster();
				case BOARD_OF_HEALTH -> patient.inViewersJurisdiction();
				default -> true;
			};
			assertThat(visible).isEqualTo(expected);
		}
	}

	static Stream<Arguments> everyCell() {
		List<Arguments> cells = new ArrayList<>();
		for (Role role : Role.values()) {
			for (String type : TYPES) {
				for (int flags = 0; flags < 16; flags++) {
					PatientSharing patient = new PatientSharing((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0);
					for (String patientId : new String[] {null, "p1", "p9"}) {
						for (String stamp : new String[] {null, "X", "Y"}) {
							for (String manager : type.equals("Group") ? new String[] {null, "X", "Y"} : new String[] {null}) {
								cells.add(Arguments.of(role, type, patient, new RecordView(type, patientId, stamp, manager)));
							}
						}
					}
				}
			}
		}
		return cells.stream();
	}

	@ParameterizedTest
	@MethodSource("everyCell")
	void aViewerWithoutRoleSeesNothing(Role ignored, String type, PatientSharing patient, RecordView record) {
		assertThat(ConsentPolicy.decide(new Viewer(null, "X", Set.of("p1")), record, patient).visible()).isFalse();
	}
}
