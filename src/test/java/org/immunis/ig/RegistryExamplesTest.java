package org.immunis.ig;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.immunis.ig.RegistryTestSupport.EXPECTED_ISSUES;
import static org.immunis.ig.RegistryTestSupport.INVALID_EXAMPLES;
import static org.immunis.ig.RegistryTestSupport.VALID_EXAMPLES;
import static org.immunis.ig.RegistryTestSupport.jsonFileNames;
import static org.immunis.ig.RegistryTestSupport.parse;
import static org.immunis.ig.RegistryTestSupport.validatorFactory;

class RegistryExamplesTest {

	static Stream<String> validExamples() {
		return jsonFileNames(VALID_EXAMPLES).stream();
	}

	static Stream<Arguments> invalidExamples() throws IOException {
		return expectedIssues().stream()
			.map(issue -> Arguments.of(issue.get("file").asText(), issue.get("location").asText(), issue.get("message").asText()));
	}

	private static List<JsonNode> expectedIssues() throws IOException {
		JsonNode manifest = new ObjectMapper().readTree(EXPECTED_ISSUES.toFile());
		return StreamSupport.stream(manifest.get("invalid").spliterator(), false).toList();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validExamples")
	void validExampleHasNoError(String fileName) {
		ValidationResult result = validatorFactory().validator().validateWithResult(parse(VALID_EXAMPLES.resolve(fileName)));

		assertThat(errors(result)).as(fileName).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidExamples")
	void invalidExampleFailsWithTheExpectedIssue(String fileName, String location, String message) {
		ValidationResult result = validatorFactory().validator().validateWithResult(parse(INVALID_EXAMPLES.resolve(fileName)));

		assertThat(errors(result))
			.as(fileName)
			.anySatisfy(issue -> {
				assertThat(issue.getLocationString()).isEqualTo(location);
				assertThat(issue.getMessage()).contains(message);
			});
	}

	@Test
	void everyInvalidExampleStatesItsExpectedIssue() throws IOException {
		List<String> filesWithExpectation = expectedIssues().stream().map(issue -> issue.get("file").asText()).sorted().toList();

		assertThat(filesWithExpectation).isEqualTo(jsonFileNames(INVALID_EXAMPLES));
	}

	@Test
	void resourceIsCheckedAgainstTheRegistryProfileOfItsTypeEvenWhenItDeclaresNone() {
		Patient patient = (Patient) parse(INVALID_EXAMPLES.resolve("Patient-no-birth-date.json"));
		patient.getMeta().getProfile().clear();

		ValidationResult result = validatorFactory().validateAgainstRegistryProfile(patient);

		assertThat(errors(result)).extracting(SingleValidationMessage::getMessage)
			.anySatisfy(message -> assertThat(message).contains("Patient.birthDate: minimum required = 1"));
	}

	@Test
	void childWithoutMothersMaidenNameGetsAWarningOnly() {
		Patient child = (Patient) parse(VALID_EXAMPLES.resolve("Patient-example-child.json"));
		child.getExtension().clear();

		ValidationResult result = validatorFactory().validator().validateWithResult(child);

		assertThat(errors(result)).isEmpty();
		assertThat(result.getMessages()).anySatisfy(message -> {
			assertThat(message.getSeverity()).isEqualTo(ResultSeverityEnum.WARNING);
			assertThat(message.getMessage()).contains("immunis-pat-2");
		});
	}

	@Test
	void historicalRecordWithoutReportOriginGetsAWarningOnly() {
		Immunization historical = (Immunization) parse(VALID_EXAMPLES.resolve("Immunization-example-historical.json"));
		historical.setReportOrigin(null);

		ValidationResult result = validatorFactory().validator().validateWithResult(historical);

		assertThat(errors(result)).isEmpty();
		assertThat(result.getMessages()).anySatisfy(message -> {
			assertThat(message.getSeverity()).isEqualTo(ResultSeverityEnum.WARNING);
			assertThat(message.getMessage()).contains("immunis-imm-2");
		});
	}

	private static List<SingleValidationMessage> errors(ValidationResult result) {
		return result.getMessages().stream()
			.filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
			.toList();
	}
}
