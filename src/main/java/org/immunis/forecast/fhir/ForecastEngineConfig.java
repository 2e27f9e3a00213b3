package org.immunis.forecast.fhir;

import java.nio.file.Path;
import org.immunis.forecast.ForecastEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CDSi engine, built once at start-up from the built-in schedule or from the operator's converted release. */
@Configuration(proxyBeanMethods = false)
public class ForecastEngineConfig {

	private static final Logger LOG = LoggerFactory.getLogger(ForecastEngineConfig.class);

	/** A schedule directory that cannot be read stops the start with the reason. */
	@Bean
	ForecastEngine forecastEngine(ForecastProperties properties) {
		Path directory = properties.scheduleDirectory();
		if (directory == null || directory.toString().isBlank()) {
			return ForecastEngine.withBundledSchedule();
		}
		ForecastEngine engine = ForecastEngine.withScheduleFrom(directory);
		LOG.info("Forecast schedule: CDC supporting data {} from {}", engine.schedule().sourceVersion(), directory);
		return engine;
	}
}
