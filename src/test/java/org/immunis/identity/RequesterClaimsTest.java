package org.immunis.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequesterClaimsTest {

	private final RequesterClaims claims = new RequesterClaims(IdentityProperties.ClaimNames.DEFAULT);

	@Test
	void readsASystemClientsRequester() {
		Requester requester = claims.requesterOf(Map.of(
				"sub", "demo-ehr",
				"client_id", "demo-ehr",
				"immunis_role", "provider",
				"immunis_organization", "Organization/demo-clinic",
				"scope", List.of("system/*.cruds")));

		assertThat(requester.subject()).isEqualTo("demo-ehr");
		assertThat(requester.clientId()).isEqualTo("demo-ehr");
		assertThat(requester.role()).isEqualTo(Role.PROVIDER);
		assertThat(requester.organization()).isEqualTo("Organization/demo-clinic");
		assertThat(requester.organizationId()).isEqualTo("demo-clinic");
		assertThat(requester.patients()).isEmpty();
		assertThat(requester.scopes().contains("system/*.cruds")).isTrue();
	}

	@Test
	void readsAGuardianActingForSelfAndChildren() {
		Requester requester = claims.requesterOf(Map.of(
				"sub", "parent",
				"azp", "demo-portal",
				"immunis_role", "patient",
				"immunis_patients", List.of("Patient/child-1", "child-2"),
				"fhirUser", "https://registry.example/fhir/Patient/parent",
				"scope", "openid fhirUser  patient/*.rs"));

		assertThat(requester.clientId()).isEqualTo("demo-portal");
		assertThat(requester.patients()).containsExactlyInAnyOrder("parent", "child-1", "child-2");
		assertThat(requester.scopes().values()).containsExactlyInAnyOrder("openid", "fhirUser", "patient/*.rs");
	}

	@Test
	void narrowsToTheLaunchPatient() {
		Requester requester = claims.requesterOf(Map.of(
				"immunis_role", "patient", "immunis_patients", List.of("parent", "child-1"), "patient", "child-1"));

		assertThat(requester.patients()).containsExactly("child-1");
	}

	@Test
	void aLaunchPatientOutsideThePatientsActedForNarrowsToNobody() {
		Requester requester = claims.requesterOf(Map.of(
				"immunis_role", "patient", "immunis_patients", List.of("parent"), "patient", "stranger"));

		assertThat(requester.patients()).isEmpty();
	}

	@Test
	void anUnknownRoleIsNoRole() {
		assertThat(claims.requesterOf(Map.of("immunis_role", "superuser")).role()).isNull();
		assertThat(claims.requesterOf(Map.of()).role()).isNull();
	}

	@Test
	void claimNamesAreConfigurable() {
		RequesterClaims keycloak = new RequesterClaims(
				new IdentityProperties.ClaimNames("registry_role", "org", "dependents", "study", "patient", "fhirUser"));

		Requester requester = keycloak.requesterOf(Map.of("registry_role", "school", "org", "42", "scp", List.of("user/*.rs")));

		assertThat(requester.role()).isEqualTo(Role.SCHOOL);
		assertThat(requester.organization()).isEqualTo("Organization/42");
		assertThat(requester.scopes().contains("user/*.rs")).isTrue();
	}
}
