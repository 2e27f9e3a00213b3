package org.immunis.bulk;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Bulk export (FHIR Bulk Data Access 2.0).
 *
 * @param fileLifetime how long a finished export's files can be fetched; then the job and its files are deleted
 * @param retryAfter what the status answer tells a client to wait before it polls again
 * @param pollInterval how often each server looks in the database for an export to run
 * @param stalledAfter a running export whose server has not reported for this long is taken over and started again
 *     (its server stopped or crashed)
 * @param batchSize patients read, decided and written per batch
 * @param resourcesPerFile the most resources in one output file
 */
@ConfigurationProperties("immunis.bulk-export")
public record BulkExportProperties(
		Duration fileLifetime, Duration retryAfter, Duration pollInterval, Duration stalledAfter, int batchSize,
		int resourcesPerFile) {}
