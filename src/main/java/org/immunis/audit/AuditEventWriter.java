package org.immunis.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores AuditEvents as the server (not through the REST API), off the request thread: one writer thread takes them in
 * order; on a normal shutdown every queued event is written before the storage closes (this bean depends on it).
 */
@Component
class AuditEventWriter {

	private static final Logger LOG = LoggerFactory.getLogger(AuditEventWriter.class);

	private final DaoRegistry daos;
	private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "immunis-audit-writer");
		thread.setDaemon(false);
		return thread;
	});

	AuditEventWriter(DaoRegistry daos) {
		this.daos = daos;
	}

	void write(AuditRecord record) {
		writer.execute(() -> {
			try {
				daos.getResourceDao("AuditEvent").create(AuditEvents.of(record, this::patientExists), new SystemRequestDetails());
			} catch (RuntimeException e) {
				// never lose an event silently: the log keeps what the store refused
				LOG.error("AuditEvent could not be stored: {}", record, e);
			}
		});
	}

	private boolean patientExists(String id) {
		try {
			daos.getResourceDao("Patient").read(new IdType("Patient", id), new SystemRequestDetails());
			return true;
		} catch (ResourceNotFoundException | ResourceGoneException | IllegalArgumentException e) {
			return false;
		}
	}

	@PreDestroy
	void drain() throws InterruptedException {
		writer.shutdown();
		if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
			LOG.error("AuditEvents still queued after 30 s at shutdown: {}", writer.shutdownNow().size());
		}
	}
}
