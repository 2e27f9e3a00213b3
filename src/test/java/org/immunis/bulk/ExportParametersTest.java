package org.immunis.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExportParametersTest {

	private static final List<String> EXPORTABLE = List.of("Patient", "Immunization", "RelatedPerson");
	private static final Set<String> READABLE = Set.of("Patient", "Immunization");

	private static ExportRequest read(Map<String, List<String>> parameters) {
		return ExportParameters.read(ExportLevel.PATIENT, null, parameters, EXPORTABLE, READABLE::contains, "url");
	}

	@Test
	void withoutTypeTheExportHoldsEveryTypeTheRequesterMayRead() {
		ExportRequest request = read(Map.of());
		assertThat(request.types()).containsExactly("Patient", "Immunization");
		assertThat(request.since()).isNull();
	}

	@Test
	void typesComeInTheRegistrysOrderWhateverTheOrderAsked() {
		assertThat(read(Map.of("_type", List.of("Immunization, Patient"))).types()).containsExactly("Patient", "Immunization");
		assertThat(read(Map.of("_type", List.of("Immunization", "Patient"))).types()).containsExactly("Patient", "Immunization");
	}

	@Test
	void aTypeNotExportedIsBadInputAndOneTheRequesterMayNotReadIsRefused() {
		assertThatThrownBy(() -> read(Map.of("_type", List.of("Observation"))))
				.isInstanceOf(ExportParameters.BadParameter.class).hasMessageContaining("_type Observation is not exported here");
		assertThatThrownBy(() -> read(Map.of("_type", List.of("RelatedPerson"))))
				.isInstanceOf(ExportParameters.TypeNotAllowed.class).hasMessageContaining("may not read RelatedPerson");
		assertThatThrownBy(() -> ExportParameters.read(ExportLevel.PATIENT, null, Map.of(), EXPORTABLE, type -> false, "url"))
				.isInstanceOf(ExportParameters.TypeNotAllowed.class);
	}

	@ParameterizedTest
	@ValueSource(strings = {"application/fhir+ndjson", "application/ndjson", "ndjson"})
	void theThreeNdjsonFormatsAreAccepted(String format) {
		assertThat(read(Map.of("_outputFormat", List.of(format))).types()).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {"text/csv", "application/fhir+json", "parquet"})
	void otherFormatsAreBadInput(String format) {
		assertThatThrownBy(() -> read(Map.of("_outputFormat", List.of(format))))
				.isInstanceOf(ExportParameters.BadParameter.class).hasMessageContaining("_outputFormat '" + format + "' is not supported");
	}

	@Test
	void sinceIsAnInstantWithItsTimeZone() {
		assertThat(read(Map.of("_since", List.of("2024-01-31T10:00:00+02:00"))).since()).isEqualTo(Instant.parse("2024-01-31T08:00:00Z"));
		assertThatThrownBy(() -> read(Map.of("_since", List.of("2024-01-31"))))
				.isInstanceOf(ExportParameters.BadParameter.class).hasMessageContaining("_since must be a FHIR instant");
		assertThatThrownBy(() -> read(Map.of("_since", List.of("2024-01-31T00:00:00Z", "2024-02-01T00:00:00Z"))))
				.isInstanceOf(ExportParameters.BadParameter.class).hasMessageContaining("may be given once");
	}

	@ParameterizedTest
	@ValueSource(strings = {"_typeFilter", "_elements", "patient", "includeAssociatedData"})
	void whatTheServerDoesNotSupportIsRefusedNotIgnored(String parameter) {
		assertThatThrownBy(() -> read(Map.of(parameter, List.of("x"))))
				.isInstanceOf(ExportParameters.BadParameter.class).hasMessageContaining(parameter + " is not supported");
	}

	@Test
	void theRequestSurvivesTheJobTable() {
		ExportRequest request = ExportParameters.read(ExportLevel.GROUP, "g1", Map.of("_since", List.of("2024-01-31T00:00:00Z")),
				EXPORTABLE, READABLE::contains, "http://x/fhir/Group/g1/$export");
		assertThat(ExportRequest.fromMap(request.toMap())).isEqualTo(request);
	}
}
