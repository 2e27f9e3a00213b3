package org.immunis.bulk;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.time.Clock;
import org.immunis.audit.AuditLog;
import org.immunis.consent.PopulationSharing;
import org.immunis.fhir.FhirServerProperties;
import org.immunis.identity.RequesterClaims;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bulk export: the kick-off operations, the background worker and what it runs. */
@Configuration(proxyBeanMethods = false)
class BulkExportConfig {

	@Bean
	ExportWorker exportWorker(ExportJobStore store, DaoRegistry daos, PopulationSharing sharing, FhirContext fhirContext,
			RequesterClaims requesterClaims, AuditLog audit, BulkExportProperties properties, Clock clock) {
		ExportRun run = new ExportRun(daos, sharing, new ExportPopulation(daos, properties.batchSize()), store, fhirContext,
				properties.resourcesPerFile());
		return new ExportWorker(store, run, requesterClaims, audit, properties, clock);
	}

	@Bean
	BulkExportProvider bulkExportProvider(ExportJobStore store, ExportWorker worker, DaoRegistry daos, FhirContext fhirContext,
			FhirServerProperties fhirServer) {
		return new BulkExportProvider(store, worker, daos, fhirContext, fhirServer.exposedResourceTypes());
	}
}
