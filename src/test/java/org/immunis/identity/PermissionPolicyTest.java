package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The permission decision table. Columns: role, granted scopes, patients acted for, organization, resource type,
 * interaction, the record's patient and recording organization ({@code ?} = not yet known, {@code -} = none), verdict.
 */
class PermissionPolicyTest {

	@ParameterizedTest(name = "{0} [{1}] {5} {4} (patient {6}, by {7}) -> {8}")
	@CsvSource(delimiter = '|', textBlock = """
		# role                | scopes                     | patients  | org    | type             | interaction | patient | by     | verdict
		# the registry admin may do everything its scopes allow
		registry-admin        | user/*.cruds               | -         | -      | Immunization     | DELETE      | ?       | ?      | ALLOW
		registry-admin        | user/*.cruds               | -         | -      | AuditEvent       | SEARCH      | ?       | ?      | ALLOW
		registry-admin        | user/*.rs                  | -         | -      | Immunization     | CREATE      | ?       | ?      | DENY
		# providers read everything but audit, create clinical records, change only their own organization's
		provider              | system/*.cruds             | -         | clinic | Immunization     | READ        | ?       | ?      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Immunization     | SEARCH      | ?       | ?      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Immunization     | CREATE      | ?       | ?      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Consent          | CREATE      | p1      | -      | ALLOW
		provider              | system/*.cruds             | -         | clinic | Immunization     | UPDATE      | ?       | ?      | NEEDS_RECORD
		provider              | system/*.cruds             | -         | clinic | Immunization     | UPDATE      | p1      | clinic | ALLOW
		provider              | system/*.cruds             | -         | clinic | Immunization     | UPDATE      | p1      | other  | DENY
		provider              | system/*.cruds             | -         | clinic | Immunization     | UPDATE      | p1      | -      | DENY
		provider              | system/*.cruds             | -         | clinic | Patient          | DELETE      | p1      | clinic | ALLOW
		provider              | system/*.cruds             | -         | clinic | Patient          | DELETE      | p1      | other  | DENY
		provider              | system/*.cruds             | -         | clinic | Organization     | CREATE      | ?       | ?      | DENY
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
		# no role, no scope: nothing
		-                     | user/*.cruds               | -         | clinic | Immunization     | READ        | ?       | ?      | DENY
		provider              | openid fhirUser            | -         | clinic | Immunization     | READ        | ?       | ?      | DENY
		""")
	void decides(
			String role, String scopes, String patients, String organization, String type, Interaction interaction,
			String patient, String recordedBy, PermissionDecision.Verdict verdict) {
		Requester requester = new Requester(
				"subject",
				"client",
				"-".equals(role) ? null : Role.fromClaim(role).orElseThrow(),
				"-".equals(organization) ? null : "Organization/" + organization,
				"-".equals(patients) ? Set.of() : Set.of(patients.split(" ")),
				"researcher".equals(role) ? "study-1" : null,
				GrantedScopes.parse(Arrays.asList(scopes.split(" "))));
		Access access = "?".equals(patient)
				? Access.toType(type, interaction)
				: Access.toRecord(type, interaction, new RecordFacts(orNull(patient), orNull(recordedBy)));

		assertThat(PermissionPolicy.decide(requester, access).verdict()).isEqualTo(verdict);
	}

	@Test
	void aResearcherNeedsAnApprovedStudy() {
		Requester researcher = new Requester("r", "c", Role.RESEARCHER, null, Set.of(), null,
				GrantedScopes.parse(Set.of("user/*.rs")));

		PermissionDecision decision = PermissionPolicy.decide(researcher, Access.toType("Immunization", Interaction.SEARCH));

		assertThat(decision.denied()).isTrue();
		assertThat(decision.reason()).contains("study");
	}

	@Test
	void aMissingRecordIsDeniedForTheSameReasonAsAnotherPatientsRecord() {
		Requester parent = new Requester("parent", "app", Role.PATIENT, null, Set.of("p1"), null,
				GrantedScopes.parse(Set.of("patient/*.rs")));

		PermissionDecision missing = PermissionPolicy.decide(parent, Access.toRecord("Immunization", Interaction.READ, RecordFacts.NONE));
		PermissionDecision foreign = PermissionPolicy.decide(parent,
				Access.toRecord("Immunization", Interaction.READ, new RecordFacts("p2", "clinic")));

		assertThat(missing).isEqualTo(foreign);
	}

	private static String orNull(String value) {
		return "-".equals(value) ? null : value;
	}
}
