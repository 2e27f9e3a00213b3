package org.immunis.ig;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.immunis.ig.RegistryImplementationGuide.DATA_SHARING_OBJECTION_PROFILE;
import static org.immunis.ig.RegistryImplementationGuide.IMMUNIZATION_PROFILE;
import static org.immunis.ig.RegistryImplementationGuide.ORGANIZATION_PROFILE;
import static org.immunis.ig.RegistryImplementationGuide.PATIENT_PROFILE;
import static org.immunis.ig.RegistryTestSupport.RESOURCES;
import static org.immunis.ig.RegistryTestSupport.VALID_EXAMPLES;
import static org.immunis.ig.RegistryTestSupport.jsonFileNames;
import static org.immunis.ig.RegistryTestSupport.validatorFactory;

class RegistryImplementationGuideTest {

	private final RegistryImplementationGuide implementationGuide = validatorFactory().implementationGuide();

	@Test
	void loadsEveryResourceAndValidExampleOfTheIg() {
		assertThat(implementationGuide.packageName()).isEqualTo("org.immunis.registry");
		assertThat(implementationGuide.packageVersion()).isEqualTo("0.1.0");
		assertThat(implementationGuide.conformanceResources()).hasSize(jsonFileNames(RESOURCES).size());
		assertThat(implementationGuide.examples()).hasSize(jsonFileNames(VALID_EXAMPLES).size());
	}

	@Test
	void namesTheRegistryProfileOfEachProfiledResourceType() {
		assertThat(implementationGuide.profileUrlsByResourceType()).containsOnly(
			entry("Patient", PATIENT_PROFILE),
			entry("Immunization", IMMUNIZATION_PROFILE),
			entry("Organization", ORGANIZATION_PROFILE),
			entry("Consent", DATA_SHARING_OBJECTION_PROFILE));
		assertThat(implementationGuide.profileUrlFor("Observation")).isEmpty();
	}

	@Test
	void everyConformanceResourceIsValidR4() {
		assertThat(implementationGuide.conformanceResources()).allSatisfy(resource ->
			assertThat(validatorFactory().validator().validateWithResult(resource).getMessages())
				.as(resource.getIdElement().getValue())
				.noneMatch(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()));
	}

	@Test
	void capabilityStatementListsTheProfilesAndTheRegistrySearchParameters() {
		List<CapabilityStatementRestResourceComponent> resources = implementationGuide.capabilityStatement().getRestFirstRep().getResource();

		Map<String, String> profileUrls = implementationGuide.profileUrlsByResourceType();
		assertThat(resources).allSatisfy(resource ->
			assertThat(resource.getSupportedProfile()).extracting(CanonicalType::getValue).containsExactly(profileUrls.get(resource.getType())));
		assertThat(resources).extracting(CapabilityStatementRestResourceComponent::getType).containsExactlyInAnyOrderElementsOf(profileUrls.keySet());

		List<String> declaredSearchParameters = resources.stream()
			.flatMap(resource -> resource.getSearchParam().stream())
			.map(CapabilityStatementRestResourceSearchParamComponent::getDefinition)
			.toList();
		assertThat(implementationGuide.searchParameters()).extracting(SearchParameter::getUrl)
			.hasSize(3)
			.allSatisfy(url -> assertThat(declaredSearchParameters).contains(url));
	}
}
