package org.immunis.ig;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.immunis.ig.RegistryTestSupport.VALID_EXAMPLES;
import static org.immunis.ig.RegistryTestSupport.parse;
import static org.immunis.ig.RegistryTestSupport.validatorFactory;

/**
 * The HL7 validator parses the OID registry it finds on the classpath (oidregistry.csv, 1.5 MB in
 * org.hl7.fhir.utilities) once per validated resource; the registry ships an empty one ahead of it on the classpath.
 */
class OidRegistryOverrideTest {

	@Test
	void theRegistrysEmptyOidRegistryComesFirstOnTheClasspath() throws IOException {
		URL oidRegistry = getClass().getClassLoader().getResource("oidregistry.csv");

		try (InputStream content = oidRegistry.openStream()) {
			assertThat(new String(content.readAllBytes(), StandardCharsets.UTF_8).lines()).containsExactly("Comp_OID,Oid_Type,Symbolic_name,CodingSystemName");
		}
	}

	@Test
	void identifiersWithOidSystemsStillValidate() {
		Patient patient = (Patient) parse(VALID_EXAMPLES.resolve("Patient-example-adult.json"));
		patient.getIdentifierFirstRep().setSystem("urn:oid:2.16.840.1.113883.4.1");

		assertThat(validatorFactory().validator().validateWithResult(patient).getMessages())
			.noneMatch(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.WARNING.ordinal()
				&& message.getLocationString().startsWith("Patient.identifier"));
	}
}
