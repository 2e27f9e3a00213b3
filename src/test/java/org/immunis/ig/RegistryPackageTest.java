package org.immunis.ig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.immunis.ig.RegistryTestSupport.RESOURCES;
import static org.immunis.ig.RegistryTestSupport.VALID_EXAMPLES;
import static org.immunis.ig.RegistryTestSupport.jsonFileNames;

/** The FHIR NPM package the Maven build lays out from ig/ (see ig/package-assembly.xml). */
class RegistryPackageTest {

	private static Map<String, byte[]> packageEntries;

	@BeforeAll
	static void readPackage() throws IOException {
		packageEntries = new LinkedHashMap<>();
		try (InputStream tgz = RegistryPackageTest.class.getResourceAsStream(RegistryImplementationGuide.PACKAGE_CLASSPATH);
			 TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(tgz))) {
			for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				packageEntries.put(entry.getName(), tar.readAllBytes());
			}
		}
	}

	@Test
	void packageJsonDescribesAnR4PackageDependingOnlyOnTheCore() throws IOException {
		JsonNode manifest = new ObjectMapper().readTree(packageEntries.get("package/package.json"));

		assertThat(manifest.get("name").asText()).isEqualTo("org.immunis.registry");
		assertThat(manifest.get("version").asText()).isEqualTo("0.1.0");
		assertThat(manifest.get("canonical").asText()).isEqualTo(RegistryImplementationGuide.CANONICAL_BASE);
		assertThat(manifest.get("fhirVersions").get(0).asText()).isEqualTo("4.0.1");
		assertThat(manifest.get("dependencies").properties()).singleElement()
			.satisfies(dependency -> {
				assertThat(dependency.getKey()).isEqualTo("hl7.fhir.r4.core");
				assertThat(dependency.getValue().asText()).isEqualTo("4.0.1");
			});
		assertThat(RegistryImplementationGuide.PACKAGE_CLASSPATH).endsWith("/org.immunis.registry-0.1.0.tgz");
	}

	@Test
	void packageHoldsTheResourcesAndValidExamplesOnly() {
		assertThat(packageEntries.keySet()).allMatch(name -> name.startsWith("package/"));
		jsonFileNames(RESOURCES).forEach(name -> assertThat(packageEntries).containsKey("package/" + name));
		jsonFileNames(VALID_EXAMPLES).forEach(name -> assertThat(packageEntries).containsKey("package/example/" + name));
		assertThat(packageEntries).hasSize(1 + jsonFileNames(RESOURCES).size() + jsonFileNames(VALID_EXAMPLES).size());
	}
}
