package org.immunis.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.immunis.identity.Interaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry of operations: what is offered, how each is decided, and that nothing else is. */
class RegistryOperationsTest {

	@ParameterizedTest(name = "{0}: {1} ({2} {3})")
	@CsvSource(delimiter = '|', textBlock = """
		$validate           | AS_THE_VALIDATED_INTERACTION |              |
		$immds-forecast     | DECIDED_RECORD_BY_RECORD     | Patient      | READ
		$health-cards-issue | DECIDED_RECORD_BY_RECORD     | Patient      | READ
		$printable-record   | DECIDED_RECORD_BY_RECORD     | Patient      | READ
		$evaluate-measure   | DECIDED_RECORD_BY_RECORD     | Group        | SEARCH
		$export             | DECIDED_RECORD_BY_RECORD     | Patient      | SEARCH
		$meta               | ADMIN_ONLY                   |              |
		$meta-add           | ADMIN_ONLY                   |              |
		$meta-delete        | ADMIN_ONLY                   |              |
		$diff               | ADMIN_ONLY                   |              |
		$everything         | ADMIN_ONLY                   |              |
		$expunge            | ADMIN_ONLY                   |              |
		""")
	void everyOfferedOperationSaysHowItIsDecided(String name, OperationDecision decision, String type, Interaction interaction) {
		RegistryOperation operation = RegistryOperations.of(name).orElseThrow();
		assertThat(operation.decision()).isEqualTo(decision);
		assertThat(operation.resourceType()).isEqualTo(type);
		assertThat(operation.interaction()).isEqualTo(interaction);
	}

	@ParameterizedTest
	@ValueSource(strings = {"$merge", "$graphql", "$reindex", "$trigger-subscription", "$upload-external-code-system",
			"$get-resource-counts", "$lastn", "$match", "validate", ""})
	void anythingElseIsNotOffered(String name) {
		assertThat(RegistryOperations.of(name)).isEmpty();
	}

	@Test
	void aRequestWithoutAnOperationIsNone() {
		assertThat(RegistryOperations.of(null)).isEmpty();
	}

	@ParameterizedTest(name = "$validate mode={0} needs {1}")
	@CsvSource(nullValues = "null", textBlock = """
		delete, DELETE
		update, UPDATE
		create, CREATE
		null,   CREATE
		profile, CREATE
		""")
	void aValidationNeedsTheRightOfWhatItValidates(String mode, Interaction needed) {
		assertThat(RegistryOperations.validation(mode)).isEqualTo(needed);
	}

	@Test
	void aDecidedOperationNamesTheAccessItNeeds() {
		assertThatThrownBy(() -> new RegistryOperation("$x", OperationDecision.DECIDED_RECORD_BY_RECORD, null, null))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new RegistryOperation("x", OperationDecision.ADMIN_ONLY, null, null))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
