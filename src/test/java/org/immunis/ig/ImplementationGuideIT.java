package org.immunis.ig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.immunis.RegistryIntegrationTest;
import org.immunis.fhir.FhirHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImplementationGuideIT extends RegistryIntegrationTest {

	private static final Path EXAMPLES = Path.of("ig", "examples");

	static Stream<Arguments> invalidExamples() throws IOException {
		JsonNode expectations = new ObjectMapper().readTree(EXAMPLES.resolve("expected-issues.json").toFile());
		List<Arguments> examples = new ArrayList<>();
		expectations.get("invalid").forEach(expected -> examples.add(Arguments.of(
				expected.get("file").asText(), expected.get("location").asText(), expected.get("message").asText())));
		return examples.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidExamples")
	void eachInvalidExampleIsRefusedWith422(String file, String location, String message) throws IOException {
		String json = Files.readString(EXAMPLES.resolve("invalid").resolve(file));
		String resourceType = file.substring(0, file.indexOf('-'));

		HttpResponse<String> response = new FhirHttp(baseUrl()).post(resourceType, withoutId(json));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
		OperationOutcome outcome = fhirContext.newJsonParser().parseResource(OperationOutcome.class, response.body());
		assertThat(outcome.getIssue()).anySatisfy(issue -> assertThat(
				issue.getDiagnostics().contains(message)
						|| issue.getExpression().stream().anyMatch(expression -> onTheSameBranch(expression.getValue(), location)))
				.isTrue());
	}

	@Test
	void theCapabilityStatementNamesTheProfilesAndTheGuide() {
		CapabilityStatement capabilities = client().capabilities().ofType(CapabilityStatement.class).execute();

		assertThat(capabilities.getImplementationGuide()).extracting(guide -> guide.getValue())
				.contains(RegistryImplementationGuide.CANONICAL_BASE + "/ImplementationGuide/org.immunis.registry");
		assertThat(capabilities.getRestFirstRep().getResource())
				.filteredOn(resource -> resource.getType().equals("Immunization"))
				.singleElement()
				.satisfies(resource -> assertThat(resource.getProfile()).isEqualTo(RegistryImplementationGuide.IMMUNIZATION_PROFILE));
		assertThat(capabilities.getRestFirstRep().getResource())
				.filteredOn(resource -> resource.getType().equals("Patient"))
				.singleElement()
				.satisfies(resource -> assertThat(resource.getSearchParam()).extracting(param -> param.getName())
						.contains("mothers-maiden-name"));
	}

	/** The registry's own rules may name the element, or its parent, before the profile validator names the detail. */
	private static boolean onTheSameBranch(String path, String otherPath) {
		return path.startsWith(otherPath) || otherPath.startsWith(path);
	}

	/** The server assigns ids to what is posted. */
	private static String withoutId(String json) {
		return json.replaceFirst("\"id\"\\s*:\\s*\"[^\"]*\"\\s*,", "");
	}
}
