package org.immunis.report;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Measure;
import org.immunis.consent.PopulationSharing;
import org.immunis.forecast.ForecastEngine;
import org.immunis.ig.RegistryImplementationGuide;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The coverage reports: the measures of the implementation guide and {@code $evaluate-measure}. */
@Configuration(proxyBeanMethods = false)
class ReportConfig {

	@Bean
	CoverageMeasures coverageMeasures(ReportProperties properties) {
		return new CoverageMeasures(properties.schoolRequirements());
	}

	/** The threads reports read, decide and assess their pages on, shared by all reports. */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService reportWorkers(ReportProperties properties) {
		AtomicInteger number = new AtomicInteger();
		return Executors.newFixedThreadPool(properties.threads(), work -> {
			Thread thread = new Thread(work, "report-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Bean
	EvaluateMeasureProvider evaluateMeasureProvider(RegistryImplementationGuide implementationGuide, CoverageMeasures measures,
			DaoRegistry daos, PopulationSharing sharing, ForecastEngine engine, ReportProperties properties, Clock clock,
			ExecutorService reportWorkers) {
		List<Measure> definitions = implementationGuide.conformanceResources().stream()
				.filter(Measure.class::isInstance).map(Measure.class::cast).toList();
		ReportPopulation population = new ReportPopulation(daos, sharing, new PatientRecordReader(engine.schedule()),
				properties.pageSize(), reportWorkers, properties.threads());
		MeasureRun run = new MeasureRun(daos, sharing, population, new MeasureEvaluator(engine), properties.smallCellThreshold());
		return new EvaluateMeasureProvider(definitions, measures, run, clock);
	}
}
