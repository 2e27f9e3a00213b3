package org.immunis.forecast.fhir;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The forecast's settings.
 *
 * @param scheduleDirectory a directory of CDC supporting data converted by {@code CdsiSupportingDataConverter}
 *     ({@code schedule.json} and one {@code antigen-*.json} per antigen), used instead of the schedule built into the
 *     server; empty: the built-in one
 */
@ConfigurationProperties("immunis.forecast")
public record ForecastProperties(Path scheduleDirectory) {}
