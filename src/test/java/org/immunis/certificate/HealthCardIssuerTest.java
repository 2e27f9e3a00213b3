package org.immunis.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthCardIssuerTest {

	@Test
	void theIssuerIsTheConfiguredPublicBaseUrlWithoutFhirAndWithoutATrailingSlash() {
		assertThat(HealthCardIssuer.issuer("https://registry.example/fhir/", "http://10.0.0.5:8080/fhir"))
				.isEqualTo("https://registry.example");
		assertThat(HealthCardIssuer.issuer("https://registry.example/immunis/fhir", null)).isEqualTo("https://registry.example/immunis");
	}

	@Test
	void withoutAConfiguredAddressTheIssuerIsTheOneTheRequestCameInOn() {
		assertThat(HealthCardIssuer.issuer("", "http://localhost:8080/fhir")).isEqualTo("http://localhost:8080");
		assertThat(HealthCardIssuer.issuer(null, "http://localhost:8080/fhir/")).isEqualTo("http://localhost:8080");
	}
}
