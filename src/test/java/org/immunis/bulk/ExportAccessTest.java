package org.immunis.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.immunis.identity.GrantedScopes;
import org.immunis.identity.Requester;
import org.immunis.identity.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExportAccessTest {

	@ParameterizedTest(name = "{0} with {1}: {2}")
	@CsvSource(delimiter = '|', value = {
			"public-health-program | system/*.rs                  | Patient Immunization RelatedPerson",
			"provider              | system/Patient.rs system/Immunization.rs | Patient Immunization",
			"board-of-health       | user/*.rs                    | Patient Immunization RelatedPerson",
			"school                | user/Patient.read            | Patient",
			"researcher            | user/*.rs                    | Patient Immunization RelatedPerson",
			"registry-admin        | system/*.cruds               | Patient Immunization RelatedPerson",
			"provider              | patient/*.rs                 | ''",
			"patient               | patient/*.rs                 | ''",
			"patient               | user/*.rs                    | ''"})
	void whoMayExportWhichTypes(String role, String scopes, String types) {
		Requester requester = new Requester("sub", "client", Role.fromClaim(role).orElseThrow(),
				role.equals("registry-admin") || role.equals("researcher") || role.equals("patient") ? null : "Organization/o",
				role.equals("patient") ? Set.of("p") : Set.of(), role.equals("researcher") ? "study" : null,
				GrantedScopes.parse(List.of(scopes.split(" "))));

		List<String> exportable = List.of("Patient", "Immunization", "RelatedPerson").stream()
				.filter(type -> ExportAccess.mayExport(requester, type)).toList();

		assertThat(String.join(" ", exportable)).isEqualTo(types);
		assertThat(ExportAccess.whyRefused(requester) != null).isEqualTo(role.equals("patient"));
	}
}
