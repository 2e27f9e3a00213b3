package org.immunis.report;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Measure;
import org.immunis.forecast.ForecastEngine;
import org.immunis.ig.RegistryImplementationGuide;
import org.junit.jupiter.api.Test;

class CoverageMeasuresTest {

	private static final ForecastEngine ENGINE = ForecastEngine.withBundledSchedule();

	@Test
	void everyMeasureOfTheGuideHasItsLogicAndEveryLogicItsMeasure() {
		List<Measure> definitions = RegistryImplementationGuide.loadFromClasspath(FhirContext.forR4Cached()).conformanceResources()
				.stream().filter(Measure.class::isInstance).map(Measure.class::cast).toList();
		CoverageMeasures measures = new CoverageMeasures(Map.of());
		assertThat(definitions).extracting(measure -> measure.getIdElement().getIdPart())
				.containsExactlyInAnyOrderElementsOf(measures.all().stream().map(CoverageMeasure::id).toList());
		for (Measure definition : definitions) {
			assertThat(definition.getUrl()).isEqualTo(MeasureReportWriter.MEASURE_BASE + definition.getIdElement().getIdPart());
			assertThat(definition.getDescription()).isNotBlank();
			assertThat(definition.getGuidance()).contains("CDSi");
			assertThat(definition.getGroupFirstRep().getPopulation()).extracting(population -> population.getCode().getCodingFirstRep().getCode())
					.containsExactly("initial-population", "denominator", "denominator-exclusion", "numerator");
		}
	}

	@Test
	void everyRequirementNamesAVaccineGroupOfTheSchedule() {
		Set<String> groups = Set.copyOf(ENGINE.schedule().vaccineGroups().stream().map(group -> group.name()).toList());
		for (CoverageMeasure measure : new CoverageMeasures(Map.of()).all()) {
			assertThat(measure.requirements()).allSatisfy(requirement -> assertThat(groups).contains(requirement.vaccineGroup()));
		}
	}
}
