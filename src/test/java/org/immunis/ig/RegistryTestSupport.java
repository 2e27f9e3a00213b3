package org.immunis.ig;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** One registry validator for all tests (building it takes seconds), and access to the ig/ sources. */
final class RegistryTestSupport {

	static final Path IG_DIRECTORY = Path.of("ig");
	static final Path RESOURCES = IG_DIRECTORY.resolve("resources");
	static final Path VALID_EXAMPLES = IG_DIRECTORY.resolve("examples/valid");
	static final Path INVALID_EXAMPLES = IG_DIRECTORY.resolve("examples/invalid");
	static final Path EXPECTED_ISSUES = IG_DIRECTORY.resolve("examples/expected-issues.json");

	private static final class SharedValidator {
		private static final RegistryValidatorFactory INSTANCE = RegistryValidatorFactory.forClasspathPackage(FhirContext.forR4Cached());
	}

	private RegistryTestSupport() {
	}

	static RegistryValidatorFactory validatorFactory() {
		return SharedValidator.INSTANCE;
	}

	static List<String> jsonFileNames(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted().toList();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static IBaseResource parse(Path file) {
		try {
			return FhirContext.forR4Cached().newJsonParser().parseResource(Files.readString(file));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
