package org.immunis.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores AuditEvents as the server (not through the REST API), off the request thread. One writer thread takes what has
 * queued up, up to {@link #BATCH} events, and stores them in one database transaction, so a busy server pays one commit
 * per batch rather than per request. On a normal shutdown every queued event is written before the storage closes (this
 * bean depends on it).
 */
@Component
class AuditEventWriter {

	private static final Logger LOG = LoggerFactory.getLogger(AuditEventWriter.class);
	private static final int BATCH = 100;

	private final DaoRegistry daos;
	private final IHapiTransactionService transactions;
	private final BlockingQueue<AuditRecord> queue = new LinkedBlockingQueue<>();
	private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "immunis-audit-writer");
		thread.setDaemon(false);
		return thread;
	});

	AuditEventWriter(DaoRegistry daos, IHapiTransactionService transactions) {
		this.daos = daos;
		this.transactions = transactions;
	}

	void write(AuditRecord record) {
		queue.addAll(record.perPatient());
		writer.execute(this::storeQueued);
	}

	// Each queued task takes what is waiting: under load the first takes a batch and the ones after it find little left.
	private void storeQueued() {
		List<AuditRecord> batch = new ArrayList<>();
		while (queue.drainTo(batch, BATCH) > 0) {
			store(batch);
			batch.clear();
		}
	}

	private void store(List<AuditRecord> batch) {
		try {
			transactions.withSystemRequest().execute(() -> {
				Set<String> stored = storedPatients(batch);
				batch.forEach(record -> daos.getResourceDao("AuditEvent")
						.create(AuditEvents.of(record, stored::contains), new SystemRequestDetails()));
			});
		} catch (RuntimeException e) {
			if (batch.size() > 1) {
				// one event the store refuses must not take the others of its batch with it
				batch.forEach(record -> store(List.of(record)));
			} else {
				// never lose an event silently: the log keeps what the store refused
				LOG.error("AuditEvent could not be stored: {}", batch.get(0), e);
			}
		}
	}

	// Only stored patients are referenced; an id someone asked for in vain is named by identifier.
	private Set<String> storedPatients(List<AuditRecord> batch) {
		TokenOrListParam ids = new TokenOrListParam();
		batch.stream().flatMap(record -> record.patients().stream())
				.filter(AuditPatients::isLogicalId)
				.distinct()
				.forEach(id -> ids.addOr(new TokenParam(id)));
		Set<String> stored = new HashSet<>();
		if (ids.getValuesAsQueryTokens().isEmpty()) {
			return stored;
		}
		SearchParameterMap query = SearchParameterMap.newSynchronous();
		query.add("_id", ids);
		for (Patient patient : daos.getResourceDao(Patient.class).searchForResources(query, new SystemRequestDetails())) {
			stored.add(patient.getIdElement().getIdPart());
		}
		return stored;
	}

	@PreDestroy
	void drain() throws InterruptedException {
		writer.shutdown();
		if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
			LOG.error("AuditEvents still queued after 30 s at shutdown: {}", queue.size());
		}
	}
}
