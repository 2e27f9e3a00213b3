package org.immunis.forecast.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.immunis.forecast.ForecastEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ForecastEngineConfigTest {

	private static final String SCHEDULE = "forecast/schedule/";

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ForecastProperties.class)
	static class WithProperties {}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
			.withUserConfiguration(WithProperties.class, ForecastEngineConfig.class);

	@Test
	void withoutTheSettingTheBuiltInScheduleIsUsed() {
		runner.run(context -> assertThat(context.getBean(ForecastEngine.class).schedule().sourceVersion()).isEqualTo("4.64"));
	}

	@Test
	void aConvertedReleaseInTheScheduleDirectoryIsUsedInstead(@TempDir Path release) throws IOException {
		ObjectMapper json = new ObjectMapper();
		ObjectNode schedule = (ObjectNode) json.readTree(resource("schedule.json"));
		schedule.put("sourceVersion", "9.99");
		json.writeValue(release.resolve("schedule.json").toFile(), schedule);
		for (var file : schedule.get("antigenFiles")) {
			try (InputStream in = resource(file.asText())) {
				Files.copy(in, release.resolve(file.asText()));
			}
		}

		runner.withPropertyValues("immunis.forecast.schedule-directory=" + release)
				.run(context -> assertThat(context.getBean(ForecastEngine.class).schedule().sourceVersion()).isEqualTo("9.99"));
	}

	@Test
	void aDirectoryWithoutASchedulePreventsTheStart(@TempDir Path empty) {
		runner.withPropertyValues("immunis.forecast.schedule-directory=" + empty)
				.run(context -> assertThat(context).hasFailed());
	}

	private static InputStream resource(String name) {
		return ForecastEngineConfigTest.class.getClassLoader().getResourceAsStream(SCHEDULE + name);
	}
}
