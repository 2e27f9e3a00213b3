package org.immunis.records;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.ImmunizationEvaluation;
import org.hl7.fhir.r4.model.ImmunizationRecommendation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.immunis.ig.RegistryImplementationGuide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

class RecordTypesTest {

	/** Every type the server is configured to store or serve. */
	static List<String> configuredTypes() throws IOException {
		try (InputStream config = Files.newInputStream(Path.of("config/application.yaml"))) {
			Map<String, Object> root = new Yaml().load(config);
			@SuppressWarnings("unchecked")
			Map<String, Object> fhir = (Map<String, Object>) ((Map<String, Object>) root.get("immunis")).get("fhir");
			List<String> types = new ArrayList<>();
			for (String key : List.of("exposed-resource-types", "internal-resource-types")) {
				@SuppressWarnings("unchecked")
				List<String> listed = (List<String>) fhir.get(key);
				types.addAll(listed);
			}
			return types;
		}
	}

	@ParameterizedTest
	@MethodSource("configuredTypes")
	void everyServedTypeIsClassified(String type) {
		assertThat(RecordTypes.of(type)).as("%s must be classified in RecordTypes", type).isPresent();
	}

	@ParameterizedTest
	@MethodSource("configuredTypes")
	void everyServedTypeSaysWhoReadsAndWritesIt(String name) {
		RecordType type = RecordTypes.of(name).orElseThrow();
		Set<Readers> readers = switch (type.kind()) {
			case DIRECTORY, ENVELOPE -> Set.of(Readers.EVERYONE);
			case PATIENT_RECORD -> Set.of(Readers.AS_THE_PATIENT_SHARES);
			case REGISTRY_RECORD -> Set.of(Readers.THE_PATIENT_AND_THE_RECORDER, Readers.THE_PATIENT,
					Readers.THE_MANAGING_ORGANIZATION, Readers.THE_ADMIN);
		};
		assertThat(type.readers()).as(name).isIn(readers);
		assertThat(type.writers()).as(name).isNotNull();
		// what a patient reads of its own, and what providers write (and stamp), is about one patient
		if (type.writers() == Writers.PROVIDERS || type.writers() == Writers.PROVIDERS_AND_PATIENTS
				|| type.kind() == RecordKind.PATIENT_RECORD
				|| type.readers() == Readers.THE_PATIENT || type.readers() == Readers.THE_PATIENT_AND_THE_RECORDER) {
			assertThat(type.isAboutPatients()).as(name).isTrue();
		}
	}

	@Test
	void theTypesTheImplementationGuideProfilesAreServedAndClassified() throws IOException {
		Set<String> profiled = RegistryImplementationGuide.loadFromClasspath(FhirContext.forR4Cached())
				.profileUrlsByResourceType().keySet();
		assertThat(profiled).isNotEmpty();
		assertThat(configuredTypes()).containsAll(profiled);
		profiled.forEach(type -> assertThat(RecordTypes.of(type)).as(type).isPresent());
	}

	@Test
	void envelopesCarryRecordsAndAreAboutNoPatient() {
		for (String type : List.of("Bundle", "Parameters", "OperationOutcome")) {
			assertThat(RecordTypes.is(type, RecordKind.ENVELOPE)).isTrue();
			assertThat(RecordTypes.isAboutPatients(type)).isFalse();
		}
	}

	@Test
	void noTypeIsNothing() {
		assertThat(RecordTypes.of(null)).isEmpty();
		assertThat(RecordTypes.is(null, RecordKind.DIRECTORY)).isFalse();
		assertThat(RecordTypes.isWrittenByTheServerOnly(null)).isFalse();
	}

	@Test
	void anUnclassifiedTypeIsNothing() {
		assertThat(RecordTypes.of("Observation")).isEmpty();
		assertThat(RecordTypes.isAboutPatients("Observation")).isFalse();
		assertThat(RecordTypes.is("Observation", RecordKind.DIRECTORY)).isFalse();
	}

	@Test
	void patientRecordsNameTheirPatient() {
		Reference p = new Reference("Patient/p1");
		assertThat(RecordTypes.patientOf(new Patient().setId("p1"))).isEqualTo("p1");
		assertThat(RecordTypes.patientOf(new Patient())).isNull();
		assertThat(RecordTypes.patientOf(new Immunization().setPatient(p))).isEqualTo("p1");
		assertThat(RecordTypes.patientOf(new ImmunizationRecommendation().setPatient(p))).isEqualTo("p1");
		assertThat(RecordTypes.patientOf(new ImmunizationEvaluation().setPatient(p))).isEqualTo("p1");
		assertThat(RecordTypes.patientOf(new RelatedPerson().setPatient(p))).isEqualTo("p1");
		assertThat(RecordTypes.patientOf(new Condition().setSubject(p))).isEqualTo("p1");
		assertThat(RecordTypes.patientOf(new Consent().setPatient(p))).isEqualTo("p1");
		AuditEvent event = new AuditEvent();
		event.addEntity().setWhat(new Reference("Immunization/i1"));
		event.addEntity().setWhat(p);
		assertThat(RecordTypes.patientOf(event)).isEqualTo("p1");
	}

	@Test
	void aReferenceToAnotherTypeNamesNoPatient() {
		assertThat(RecordTypes.patientOf(new Immunization().setPatient(new Reference("Group/g1")))).isNull();
		assertThat(RecordTypes.patientOf(new Immunization())).isNull();
		assertThat(RecordTypes.patientOf(new Organization().setId("o1"))).isNull();
		assertThat(RecordTypes.patientOf(new Group().setId("g1"))).isNull();
	}

	@Test
	void everyTypeAboutPatientsHasAPatientSearchParameter() {
		for (String type : List.of("Patient", "Immunization", "ImmunizationRecommendation", "ImmunizationEvaluation",
				"RelatedPerson", "Condition", "Consent", "AuditEvent")) {
			assertThat(RecordTypes.of(type).flatMap(RecordType::patientParameter)).as(type).isPresent();
		}
	}
}
