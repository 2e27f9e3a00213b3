package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmartScopeTest {

	private static final Interaction C = Interaction.CREATE;
	private static final Interaction R = Interaction.READ;
	private static final Interaction U = Interaction.UPDATE;
	private static final Interaction D = Interaction.DELETE;
	private static final Interaction S = Interaction.SEARCH;

	static Stream<Arguments> scopes() {
		return Stream.of(
				// SMART v1
				Arguments.of("patient/Immunization.read", SmartScope.Context.PATIENT, "Immunization", EnumSet.of(R, S)),
				Arguments.of("user/*.write", SmartScope.Context.USER, "*", EnumSet.of(C, U, D)),
				Arguments.of("system/*.*", SmartScope.Context.SYSTEM, "*", EnumSet.allOf(Interaction.class)),
				// SMART v2
				Arguments.of("patient/Immunization.rs", SmartScope.Context.PATIENT, "Immunization", EnumSet.of(R, S)),
				Arguments.of("user/*.cruds", SmartScope.Context.USER, "*", EnumSet.allOf(Interaction.class)),
				Arguments.of("system/*.rs", SmartScope.Context.SYSTEM, "*", EnumSet.of(R, S)),
				Arguments.of("user/Patient.cu", SmartScope.Context.USER, "Patient", EnumSet.of(C, U)),
				Arguments.of("patient/Consent.d", SmartScope.Context.PATIENT, "Consent", EnumSet.of(D)),
				Arguments.of("system/Immunization.s", SmartScope.Context.SYSTEM, "Immunization", EnumSet.of(S)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scopes")
	void normalizesV1AndV2Scopes(String scope, SmartScope.Context context, String type, Set<Interaction> interactions) {
		assertThat(SmartScope.parse(scope)).contains(new SmartScope(context, type, interactions));
	}

	@ParameterizedTest(name = "{0} grants nothing")
	@ValueSource(strings = {
		"openid", "fhirUser", "launch/patient", "offline_access", "patient/Immunization", "patient/Immunization.",
		"patient/Immunization.sr", "patient/Immunization.rrs", "patient/Immunization.x", "practitioner/*.rs",
		"patient/immunization.rs", "patient/Observation.rs?category=laboratory", "user/*.readwrite", ""
	})
	void grantsNothingForOtherOrMalformedScopes(String scope) {
		assertThat(SmartScope.parse(scope)).isEqualTo(Optional.empty());
	}

	@Test
	void coversItsTypeOrEveryTypeForAWildcard() {
		SmartScope immunizations = SmartScope.parse("patient/Immunization.rs").orElseThrow();
		SmartScope everything = SmartScope.parse("user/*.r").orElseThrow();

		assertThat(immunizations.covers("Immunization", R)).isTrue();
		assertThat(immunizations.covers("Immunization", C)).isFalse();
		assertThat(immunizations.covers("Patient", R)).isFalse();
		assertThat(everything.covers("Patient", R)).isTrue();
		assertThat(everything.covers("Patient", S)).isFalse();
	}

	@Test
	void grantedScopesKeepEveryScopeAndNormalizeTheResourceScopes() {
		GrantedScopes granted = GrantedScopes.parse(Set.of("openid", "launch/patient", "patient/Immunization.rs", "user/*.read"));

		assertThat(granted.contains("launch/patient")).isTrue();
		assertThat(granted.resourceScopes()).hasSize(2);
		assertThat(granted.covering("Immunization", S)).hasSize(2);
		assertThat(granted.covering("Patient", R)).hasSize(1);
		assertThat(granted.covering("Patient", U)).isEmpty();
	}
}
