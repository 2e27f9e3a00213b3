package org.immunis.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialTypesTest {

	private final CredentialTypes types = new CredentialTypes(Set.of("Patient", "Immunization", "Observation"));

	@Test
	void immunizationCardsAreIssuedUnderTheirTypesAndResourceTypes() {
		assertThat(types.issuable(List.of("https://smarthealth.cards#health-card"))).isTrue();
		assertThat(types.issuable(List.of("https://smarthealth.cards#immunization", "https://smarthealth.cards#health-card"))).isTrue();
		assertThat(types.issuable(List.of("Immunization"))).isTrue();
	}

	@Test
	void allTypesMustHoldSoAKnownTypeTheRegistryDoesNotIssueYieldsNoCard() {
		assertThat(types.issuable(List.of("https://smarthealth.cards#laboratory"))).isFalse();
		assertThat(types.issuable(List.of("Immunization", "Observation"))).isFalse();
	}

	@Test
	void anUnknownOrMissingTypeIsRefused() {
		assertThatThrownBy(() -> types.issuable(List.of("https://example.org/card"))).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("Unknown credentialType");
		assertThatThrownBy(() -> types.issuable(List.of())).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("required");
	}
}
