package org.immunis.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.immunis.access.AccessDecision.Verdict;
import org.immunis.access.AccessPolicy.Rule;
import org.immunis.identity.GrantedScopes;
import org.immunis.identity.Interaction;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;
import org.immunis.identity.SmartScope;
import org.immunis.records.Readers;
import org.immunis.records.RecordKind;
import org.immunis.records.RecordType;
import org.immunis.records.RecordTypes;
import org.immunis.records.Writers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one access decision: its table row by row as asked and as shown, then every requester kind x interaction x
 * record type x record facts x patient sharing state, enumerated, against the guarantees the table must keep.
 */
class AccessPolicyTest {

	@ParameterizedTest(name = "asked: {0} [{1}] {5} {4} (patient {6}, by {7}) -> {8}")
	@CsvSource(delimiter = '|', textBlock = """
		# role                | scopes                     | patients  | org    | type             | interaction | patient | by     | verdict
		# the registry admin may do everything its scopes allow, but write the audit trail
		registry-admin        | user/*.cruds               | -         | -      | Immunization     | DELETE      | ?       | ?      | ALLOW
		registry-admin        | user/*.cruds               | -         | -      | AuditEvent       | SEARCH      | ?       | ?      | ALLOW
		registry-admin        | user/*.cruds               | -         | -      | AuditEvent       | CREATE      | ?       | ?      | DENY
		registry-admin        | user/*.cruds               | -         | -      | AuditEvent       | DELETE      | p1      | -      | DENY
		registry-admin        | user/*.rs                  | -         | -      | Immunization     | CREATE      | ?       | ?      | DENY
		# providers read everything but audit, create clinical records, change only their own organization's
		provider              | system/*.cruds             | -         | clinic | Immunization     | READ        | ?       | ?      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Immunization     | SEARCH      | ?       | ?      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Immunization     | CREATE      | ?       | ?      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Condition        | CREATE      | ?       | ?      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Consent          | CREATE      | p1      | -      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Immunization     | UPDATE      | ?       | ?      | NEEDS_RECORD
		provider              | system/*.cruds             | -         | clinic | Immunization     | UPDATE      | p1      | clinic | ALLOW
		provider              | system/*.cruds             | -         | clinic | Immunization     | UPDATE      | p1      | other  | DENY
		provider              | system/*.cruds             | -         | clinic | Immunization     | UPDATE      | p1      | -      | DENY
		provider              | system/*.cruds             | -         | clinic | Patient          | DELETE      | p1      | clinic | ALLOW
		provider              | system/*.cruds             | -         | clinic | Patient          | DELETE      | p1      | other  | DENY
		provider              | system/*.cruds             | -         | clinic | Organization     | CREATE      | ?       | ?      | DENY
		provider              | system/*.cruds             | -         | clinic | ImmunizationRecommendation | CREATE | ? | ?    | DENY
		provider              | system/*.cruds             | -         | clinic | AuditEvent       | READ        | ?       | ?      | DENY
		provider              | system/*.cruds             | -         | -      | Immunization     | READ        | ?       | ?      | DENY
		provider              | system/*.rs                | -         | clinic | Immunization     | CREATE      | ?       | ?      | DENY
		provider              | system/Patient.cruds       | -         | clinic | Immunization     | READ        | ?       | ?      | DENY
		provider              | patient/*.rs               | p1        | clinic | Immunization     | READ        | p1      | other  | ALLOW
		provider              | patient/*.rs               | p1        | clinic | Immunization     | READ        | p2      | other  | DENY
		provider              | patient/*.rs user/*.rs     | p1        | clinic | Immunization     | READ        | ?       | ?      | ALLOW
		# schools, boards of health, programs and researchers only read
		school                | user/*.cruds               | -         | school | Immunization     | SEARCH      | ?       | ?      | ALLOW
		school                | user/*.cruds               | -         | school | Immunization     | CREATE      | ?       | ?      | DENY
		school                | user/*.cruds               | -         | school | Patient          | UPDATE      | p1      | school | DENY
		school                | user/*.cruds               | -         | -      | Immunization     | SEARCH      | ?       | ?      | DENY
		board-of-health       | system/*.rs                | -         | board  | Patient          | READ        | ?       | ?      | ALLOW
		board-of-health       | system/*.cruds             | -         | board  | Immunization     | DELETE      | ?       | ?      | DENY
		public-health-program | user/*.rs                  | -         | wic    | Immunization     | SEARCH      | ?       | ?      | ALLOW
		public-health-program | user/*.cruds               | -         | wic    | Consent          | CREATE      | ?       | ?      | DENY
		researcher            | user/*.rs                  | -         | -      | Immunization     | SEARCH      | ?       | ?      | ALLOW
		researcher            | user/*.cruds               | -         | -      | Immunization     | UPDATE      | ?       | ?      | DENY
		# patients and guardians read their own records and the directory, and write only their consent decisions
		patient               | patient/Immunization.rs    | p1        | -      | Immunization     | READ        | ?       | ?      | NEEDS_RECORD
		patient               | patient/Immunization.rs    | p1        | -      | Immunization     | READ        | p1      | clinic | ALLOW
		patient               | patient/Immunization.rs    | p1        | -      | Immunization     | READ        | p2      | clinic | DENY
		patient               | patient/Immunization.rs    | p1        | -      | Immunization     | READ        | -       | -      | DENY
		patient               | patient/Immunization.rs    | p1        | -      | Patient          | READ        | p1      | -      | DENY
		patient               | user/*.cruds               | p1 p2     | -      | Patient          | READ        | p2      | clinic | ALLOW
		patient               | user/*.cruds               | p1 p2     | -      | Patient          | SEARCH      | p3      | clinic | DENY
		patient               | user/*.cruds               | p1        | -      | Immunization     | CREATE      | p1      | -      | DENY
		patient               | user/*.cruds               | p1        | -      | Immunization     | UPDATE      | p1      | clinic | DENY
		patient               | user/*.cruds               | p1        | -      | Consent          | CREATE      | p1      | -      | ALLOW
		patient               | user/*.cruds               | p1        | -      | Consent          | CREATE      | p2      | -      | DENY
		patient               | user/*.cruds               | p1        | -      | Consent          | DELETE      | p1      | -      | DENY
		patient               | user/*.cruds               | p1        | -      | Organization     | READ        | ?       | ?      | ALLOW
		patient               | user/*.cruds               | p1        | -      | AuditEvent       | SEARCH      | p1      | -      | ALLOW
		patient               | user/*.cruds               | p1        | -      | AuditEvent       | READ        | p2      | -      | DENY
		patient               | user/*.cruds               | p1        | -      | AuditEvent       | CREATE      | p1      | -      | DENY
		patient               | user/*.cruds               | p1        | -      | Group            | READ        | ?       | ?      | DENY
		patient               | user/*.cruds               | -         | -      | Immunization     | READ        | p1      | -      | DENY
		# no role, no scope, no classified type: nothing
		-                     | user/*.cruds               | -         | clinic | Immunization     | READ        | ?       | ?      | DENY
		provider              | openid fhirUser            | -         | clinic | Immunization     | READ        | ?       | ?      | DENY
		provider              | system/*.cruds             | -         | clinic | Observation      | READ        | ?       | ?      | DENY
		""")
	void asked(String role, String scopes, String patients, String organization, String type, Interaction interaction,
			String patient, String recordedBy, Verdict verdict) {
		Requester requester = new Requester("subject", "client",
				"-".equals(role) ? null : Role.fromClaim(role).orElseThrow(),
				"-".equals(organization) ? null : "Organization/" + organization,
				"-".equals(patients) ? Set.of() : Set.of(patients.split(" ")),
				"researcher".equals(role) ? "study-1" : null,
				GrantedScopes.parse(Arrays.asList(scopes.split(" "))));
		RecordFacts record = "?".equals(patient) ? RecordFacts.ofType(type) : RecordFacts.of(type, orNull(patient), orNull(recordedBy));

		assertThat(AccessPolicy.decide(requester, interaction, record, null).verdict()).isEqualTo(verdict);
	}

	@ParameterizedTest(name = "shown: {0} sees {1} (objects={2}, roster={3}, town={4}, recorded-for={5}, stamp={6}, patient={7}): {8}")
	@CsvSource({
		// role,              type,                       objects, roster, town, recFor, stamp, patient, visible
		"registry-admin,       Patient,                    true,   false,  false, false, ,      p9,      true",
		"registry-admin,       Immunization,               true,   false,  false, false, Y,     p9,      true",
		"registry-admin,       Consent,                    true,   false,  false, false, Y,     p9,      true",
		"registry-admin,       AuditEvent,                 false,  false,  false, false, ,      p9,      true",
		"registry-admin,       Binary,                     false,  false,  false, false, ,      ,        true",
		"patient,              Patient,                    true,   false,  false, false, ,      p1,      true",
		"patient,              Patient,                    false,  false,  false, false, ,      p9,      false",
		"patient,              Immunization,               true,   false,  false, false, Y,     p1,      true",
		"patient,              ImmunizationRecommendation, true,   false,  false, false, ,      p1,      true",
		"patient,              Consent,                    false,  false,  false, false, Y,     p9,      false",
		"patient,              AuditEvent,                 true,   false,  false, false, ,      p1,      true",
		"patient,              AuditEvent,                 false,  false,  false, false, ,      p9,      false",
		"patient,              Group,                      false,  false,  false, false, ,      ,        false",
		"patient,              Organization,               false,  false,  false, false, ,      ,        true",
		"provider,             Patient,                    false,  false,  false, false, ,      p9,      true",
		"provider,             Patient,                    true,   false,  false, false, ,      p9,      false",
		"provider,             Patient,                    true,   false,  false, true,  ,      p9,      true",
		"provider,             Patient,                    true,   false,  false, false, X,     p9,      true",
		"provider,             Immunization,               true,   false,  false, true,  Y,     p9,      false",
		"provider,             Immunization,               true,   false,  false, true,  X,     p9,      true",
		"provider,             Condition,                  true,   false,  false, true,  X,     p9,      true",
		"provider,             ImmunizationRecommendation, true,   false,  false, true,  X,     p9,      false",
		"provider,             RelatedPerson,              true,   false,  false, true,  X,     p9,      false",
		"provider,             Consent,                    true,   false,  false, true,  X,     p9,      true",
		"provider,             Consent,                    false,  false,  false, false, Y,     p9,      false",
		"provider,             AuditEvent,                 false,  false,  false, false, ,      p9,      false",
		"provider,             Binary,                     false,  false,  false, false, X,     ,        false",
		"provider,             Patient,                    false,  false,  false, false, ,      ,        false",
		"school,               Patient,                    false,  true,   false, false, ,      p9,      true",
		"school,               Patient,                    false,  false,  false, false, ,      p9,      false",
		"school,               Condition,                  true,   true,   false, false, X,     p9,      false",
		"school,               Consent,                    false,  true,   false, false, ,      p9,      false",
		"board-of-health,      Immunization,               false,  false,  true,  false, ,      p9,      true",
		"board-of-health,      Patient,                    false,  false,  false, false, ,      p9,      false",
		"board-of-health,      Immunization,               true,   false,  true,  false, X,     p9,      false",
		"public-health-program,Immunization,               false,  false,  false, false, ,      p9,      true",
		"public-health-program,Immunization,               true,   false,  false, false, X,     p9,      false",
		"researcher,           ImmunizationRecommendation, false,  false,  false, false, ,      p9,      true",
		"researcher,           Patient,                    true,   false,  false, false, ,      p9,      false",
		"researcher,           Binary,                     false,  false,  false, false, ,      ,        false",
	})
	void shown(String role, String type, boolean objects, boolean roster, boolean town, boolean recordedFor,
			String stamp, String patient, boolean visible) {
		Requester requester = requester(Role.fromClaim(role).orElseThrow(), "user/*.cruds");
		AccessDecision decision = AccessPolicy.decide(requester, Interaction.READ, RecordFacts.of(type, patient, stamp),
				new PatientSharing(objects, roster, town, recordedFor));

		assertThat(decision.allowed()).as(decision.reason()).isEqualTo(visible);
	}

	@Test
	void aResearcherNeedsAnApprovedStudy() {
		Requester researcher = new Requester("r", "c", Role.RESEARCHER, null, Set.of(), null,
				GrantedScopes.parse(Set.of("user/*.rs")));

		AccessDecision decision = AccessPolicy.decide(researcher, Interaction.SEARCH, RecordFacts.ofType("Immunization"), null);

		assertThat(decision.rule()).isEqualTo(Rule.REQUESTER_UNUSABLE);
		assertThat(decision.reason()).contains("study");
	}

	private static final Set<Writers> PROVIDERS_WRITE = Set.of(Writers.PROVIDERS, Writers.PROVIDERS_AND_PATIENTS);

	/** Every cell of the table: each one must keep every guarantee that applies to it. */
	@Test
	void everyCellKeepsTheGuarantees() {
		Set<Rule> applied = EnumSet.noneOf(Rule.class);
		int cells = 0;
		for (Requester requester : requesterKinds()) {
			for (Interaction interaction : Interaction.values()) {
				for (String type : types()) {
					for (RecordFacts record : facts(type)) {
						for (PatientSharing patient : sharingStates()) {
							AccessDecision decision = AccessPolicy.decide(requester, interaction, record, patient);
							keepsTheGuarantees(requester, interaction, record, patient, decision);
							applied.add(decision.rule());
							cells++;
						}
					}
					RecordFacts absent = RecordFacts.absent(type);
					RecordFacts foreign = RecordFacts.of(type, "p9", "Y");
					assertThat(AccessPolicy.decide(requester, interaction, absent, null))
							.as("a missing %s answers like another patient's, to %s", type, requester)
							.isEqualTo(AccessPolicy.decide(requester, interaction, foreign, null));
				}
			}
		}
		assertThat(cells).isGreaterThan(100_000);
		assertThat(applied).as("rules no cell applies").containsExactlyInAnyOrder(Rule.values());
	}

	private static void keepsTheGuarantees(
			Requester requester, Interaction interaction, RecordFacts record, PatientSharing patient, AccessDecision decision) {
		Supplier<String> cell = () -> requester.role() + " " + requester.scopes().values() + " " + interaction + " " + record
				+ " " + patient + " -> " + decision;
		Role role = requester.role();
		RecordType type = RecordTypes.of(record.type()).orElse(null);
		boolean shown = patient != null && interaction.isRead();
		assertThat(decision.rule()).as(cell).isNotNull();
		assertThat(decision.reason()).as(cell).isNotBlank();
		if (AccessPolicy.whyUnusable(requester) != null) {
			assertThat(decision.rule()).as(cell).isEqualTo(Rule.REQUESTER_UNUSABLE);
			return;
		}
		if (decision.verdict() == Verdict.NEEDS_RECORD) {
			assertThat(shown || record.known()).as(() -> cell.get() + ": only facts not yet known can be asked for").isFalse();
		}
		if (!shown && patient != null) {
			assertThat(decision).as(() -> cell.get() + ": a write does not depend on the sharing state")
					.isEqualTo(AccessPolicy.decide(requester, interaction, record, null));
		}
		if (type == null) {
			if (decision.allowed()) {
				assertThat(role).as(() -> cell.get() + ": an unclassified type").isEqualTo(Role.REGISTRY_ADMIN);
			}
			return;
		}
		if (!shown) {
			if (decision.allowed()) {
				assertThat(requester.scopes().covering(record.type(), interaction)).as(() -> cell.get() + ": beyond the scopes").isNotEmpty();
			}
			if (decision.allowed() && !interaction.isRead()) {
				assertThat(type.writers()).as(() -> cell.get() + ": a write of the server's own records").isNotEqualTo(Writers.THE_SERVER);
			}
			if (decision.allowed() && !interaction.isRead() && role != Role.REGISTRY_ADMIN) {
				assertThat(type.writers()).as(() -> cell.get() + ": a write of an admin's type").isIn(PROVIDERS_WRITE);
				assertThat(role).as(() -> cell.get() + ": a write by a read-only role").isIn(Role.PROVIDER, Role.PATIENT);
			}
			if (decision.allowed() && role == Role.PATIENT && type.isAboutPatients()) {
				assertThat(isTheirs(requester, record)).as(() -> cell.get() + ": another patient's record").isTrue();
			}
			if (decision.allowed() && interaction.isRead() && type.readers() == Readers.THE_PATIENT) {
				assertThat(role).as(() -> cell.get() + ": the accounting of disclosures").isIn(Role.REGISTRY_ADMIN, Role.PATIENT);
			}
			return;
		}
		if (type.kind() == RecordKind.DIRECTORY || type.kind() == RecordKind.ENVELOPE || role == Role.REGISTRY_ADMIN) {
			assertThat(decision.allowed()).as(cell).isTrue();
			return;
		}
		if (decision.allowed()) {
			// what is shown could have been read by its id
			if (!requester.scopes().covering(record.type(), Interaction.READ).isEmpty()
					&& requester.scopes().resourceScopes().stream().noneMatch(scope -> scope.context() == SmartScope.Context.PATIENT)) {
				assertThat(AccessPolicy.decide(requester, Interaction.READ, record, null).allowed()).as(cell).isTrue();
			}
			if (role == Role.PATIENT) {
				assertThat(isTheirs(requester, record)).as(() -> cell.get() + ": another patient's record").isTrue();
			}
		}
		switch (type.readers()) {
			case AS_THE_PATIENT_SHARES -> {
				if (record.patientId() == null) {
					assertThat(decision.allowed()).as(() -> cell.get() + ": names no patient").isFalse();
				}
				if (patient.objecting() && role != Role.PROVIDER && role != Role.PATIENT) {
					assertThat(decision.allowed()).as(() -> cell.get() + ": the objection").isFalse();
				}
				if (patient.objecting() && role == Role.PROVIDER && decision.allowed()) {
					boolean recorded = "X".equals(record.recordedBy()) && PROVIDERS_WRITE.contains(type.writers());
					boolean recordedFor = "Patient".equals(record.type()) && patient.viewerRecordedForPatient();
					assertThat(recorded || recordedFor).as(() -> cell.get() + ": the objection, to a provider").isTrue();
				}
				if (!patient.objecting() && record.patientId() != null && role != Role.PATIENT) {
					boolean expected = switch (role) {
						case SCHOOL -> patient.onViewersRoster();
						case BOARD_OF_HEALTH -> patient.inViewersJurisdiction();
						default -> true;
					};
					assertThat(decision.allowed()).as(() -> cell.get() + ": a sharing patient").isEqualTo(expected);
				}
			}
			case THE_PATIENT_AND_THE_RECORDER -> assertThat(decision.allowed()).as(cell).isEqualTo(
					role == Role.PATIENT ? requester.actsForPatient(record.patientId())
							: role == Role.PROVIDER && "X".equals(record.recordedBy()));
			case THE_PATIENT -> assertThat(decision.allowed()).as(cell).isEqualTo(
					role == Role.PATIENT && requester.actsForPatient(record.patientId()));
			case THE_MANAGING_ORGANIZATION -> assertThat(decision.allowed()).as(cell).isEqualTo(
					role.actsForOrganization() && "X".equals(record.managingOrganization()));
			case THE_ADMIN, EVERYONE -> assertThat(decision.allowed()).as(cell).isFalse();
		}
	}

	// a record about a patient acted for, or the requester's own Patient record
	private static boolean isTheirs(Requester requester, RecordFacts record) {
		return requester.actsForPatient(record.patientId())
				|| "Patient".equals(record.type()) && record.patientId() != null && record.patientId().equals(requester.ownPatient());
	}

	/** Every role, with broad and with patient-context scopes, and every way a requester can be unusable. */
	private static List<Requester> requesterKinds() {
		List<Requester> requesters = new ArrayList<>();
		for (Role role : Role.values()) {
			requesters.add(requester(role, "user/*.cruds"));
			requesters.add(requester(role, "patient/*.cruds"));
			requesters.add(requester(role, "user/*.rs"));
		}
		GrantedScopes all = GrantedScopes.parse(Set.of("user/*.cruds"));
		requesters.add(new Requester("s", "c", null, "Organization/X", Set.of("p1"), null, all));
		requesters.add(new Requester("s", "c", Role.PROVIDER, null, Set.of("p1"), null, all));
		requesters.add(new Requester("s", "c", Role.SCHOOL, null, Set.of(), null, all));
		requesters.add(new Requester("s", "c", Role.RESEARCHER, null, Set.of(), null, all));
		requesters.add(new Requester("s", "c", Role.PATIENT, null, Set.of(), null, all));
		// a parent whose launch context names the child p1; their own Patient record is p0
		requesters.add(new Requester("s", "c", Role.PATIENT, null, Set.of("p1"), null, all, "p0"));
		return requesters;
	}

	// The organization acted for is X, the patient acted for p1.
	private static Requester requester(Role role, String scopes) {
		return new Requester("s", "c", role, role.actsForOrganization() ? "Organization/X" : null,
				role == Role.PATIENT || scopes.startsWith("patient/") ? Set.of("p1") : Set.of(),
				role == Role.RESEARCHER ? "study-1" : null, GrantedScopes.parse(Set.of(scopes)));
	}

	private static List<String> types() {
		return Stream.concat(RecordTypes.all().stream().map(RecordType::name), Stream.of("Observation")).toList();
	}

	/** Only the type; or a record about no patient, p1, p0 or p9, recorded by nobody, X or Y (managed by X or Y). */
	private static List<RecordFacts> facts(String type) {
		List<RecordFacts> facts = new ArrayList<>(List.of(RecordFacts.ofType(type)));
		for (String patient : Arrays.asList(null, "p1", "p0", "p9")) {
			for (String stamp : Arrays.asList(null, "X", "Y")) {
				for (String manager : "Group".equals(type) ? Arrays.asList(null, "X", "Y") : Arrays.asList((String) null)) {
					facts.add(new RecordFacts(type, true, patient, stamp, manager));
				}
			}
		}
		return facts;
	}

	/** Not looked up (the request as asked), and each of the sixteen states of a patient shown. */
	private static List<PatientSharing> sharingStates() {
		List<PatientSharing> states = new ArrayList<>();
		states.add(null);
		for (int flags = 0; flags < 16; flags++) {
			states.add(new PatientSharing((flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0));
		}
		return states;
	}

	private static String orNull(String value) {
		return "-".equals(value) ? null : value;
	}
}
