package org.immunis.ig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.immunis.ig.RegistryTestSupport.INVALID_EXAMPLES;
import static org.immunis.ig.RegistryTestSupport.VALID_EXAMPLES;
import static org.immunis.ig.RegistryTestSupport.jsonFileNames;
import static org.immunis.ig.RegistryTestSupport.parse;
import static org.immunis.ig.RegistryTestSupport.validatorFactory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

/**
 * The reused core validator must answer exactly as HAPI's validator, which builds a new one for every resource: the same
 * messages, whatever was validated before on the same thread, on any thread, and after the validator is replaced.
 */
class ReusingInstanceValidatorTest {

	private static final FhirContext FHIR = FhirContext.forR4Cached();

	private final List<IBaseResource> examples = examples();
	private final FhirValidator hapi = FHIR.newValidator()
			.registerValidatorModule(new FhirInstanceValidator(validatorFactory().validationSupport()));
	private final FhirValidator reusing = FHIR.newValidator()
			.registerValidatorModule(new ReusingInstanceValidator(validatorFactory().validationSupport()));

	@Test
	void answersAsHapiForEveryExampleInEveryOrderOnOneThread() {
		List<List<String>> expected = examples.stream().map(example -> messages(hapi, example)).toList();
		int rounds = ReusingInstanceValidator.VALIDATIONS_PER_VALIDATOR / examples.size() + 2;
		for (int round = 0; round < rounds; round++) {
			for (int i = 0; i < examples.size(); i++) {
				int index = (i * (round + 1)) % examples.size();
				assertThat(messages(reusing, examples.get(index))).as("example %d, round %d", index, round).isEqualTo(expected.get(index));
			}
		}
	}

	@Test
	void answersAsHapiOnManyThreadsAtOnce() throws Exception {
		List<List<String>> expected = examples.stream().map(example -> messages(hapi, example)).toList();
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<List<String>>>> answers = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				answers.add(threads.submit(() -> examples.stream().map(example -> messages(reusing, example)).toList()));
			}
			for (Future<List<List<String>>> answer : answers) {
				assertThat(answer.get()).isEqualTo(expected);
			}
		} finally {
			threads.shutdownNow();
		}
	}

	@Test
	void invalidExamplesStillFail() {
		long failing = examples.stream().filter(example -> messages(reusing, example).stream().anyMatch(m -> m.startsWith("ERROR"))).count();
		assertThat(failing).isEqualTo(jsonFileNames(INVALID_EXAMPLES).size());
	}

	private static List<String> messages(FhirValidator validator, IBaseResource resource) {
		ValidationOptions options = new ValidationOptions();
		validatorFactory().implementationGuide().profileUrlFor(FHIR.getResourceType(resource)).ifPresent(options::addProfile);
		return validator.validateWithResult(resource, options).getMessages().stream()
				.map(ReusingInstanceValidatorTest::describe)
				.toList();
	}

	private static String describe(SingleValidationMessage message) {
		return message.getSeverity() + " " + message.getLocationString() + " " + message.getMessageId() + " " + message.getMessage();
	}

	private static List<IBaseResource> examples() {
		List<IBaseResource> examples = new ArrayList<>();
		jsonFileNames(VALID_EXAMPLES).forEach(name -> examples.add(parse(VALID_EXAMPLES.resolve(name))));
		jsonFileNames(INVALID_EXAMPLES).forEach(name -> examples.add(parse(INVALID_EXAMPLES.resolve(name))));
		return examples;
	}
}
