package org.immunis.bulk;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.immunis.audit.AuditLog;
import org.immunis.identity.Requester;
import org.immunis.identity.RequesterClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs bulk exports in the background, one at a time per server, as the requester who asked for each (derived again
 * from the claims the job keeps). Looks in the database for work every poll interval, and at once when this server
 * accepted a new export. On a normal stop, the job it was running goes back to the queue, for this or another server to
 * start again; after a crash another server takes it over once it has not reported for the stall time.
 */
final class ExportWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExportWorker.class);

	private final String name = "worker-" + UUID.randomUUID();
	private final ExportJobStore store;
	private final ExportRun run;
	private final RequesterClaims requesterClaims;
	private final AuditLog audit;
	private final BulkExportProperties properties;
	private final Clock clock;
	private volatile ScheduledExecutorService executor;
	private volatile boolean stopping;
	private volatile String current;

	ExportWorker(ExportJobStore store, ExportRun run, RequesterClaims requesterClaims, AuditLog audit,
			BulkExportProperties properties, Clock clock) {
		this.store = store;
		this.run = run;
		this.requesterClaims = requesterClaims;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void start() {
		stopping = false;
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "immunis-bulk-export");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(this::poll, properties.pollInterval().toMillis(), properties.pollInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		stopping = true;
		executor.shutdown();
		try {
			executor.awaitTermination(10, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		String running = current;
		if (running != null) {
			store.requeue(running, name);
		}
		executor = null;
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

	/** Looks for work now (an export was just accepted). */
	void wake() {
		ScheduledExecutorService running = executor;
		if (running != null && !stopping) {
			running.execute(this::poll);
		}
	}

	private void poll() {
		try {
			store.deleteExpired();
			Optional<ExportJob> job;
			while (!stopping && (job = store.claimNext(name, properties.stalledAfter())).isPresent()) {
				runOne(job.get());
			}
		} catch (RuntimeException e) {
			log.error("Bulk export worker: could not look for work", e);
		}
	}

	private void runOne(ExportJob job) {
		current = job.id();
		Requester requester = requesterClaims.requesterOf(job.claims());
		String target = "$export job " + job.id();
		try {
			Set<String> patients = run.run(job, requester, name, () -> stopping);
			store.complete(job.id(), name, "completed", clock.instant().plus(properties.fileLifetime()));
			audit.record(requester, "bulk-export", target, patients.stream().toList(), 200, null);
		} catch (ExportRun.Stopped stopped) {
			if (stopping) {
				store.requeue(job.id(), name);
			}
			log.info("Bulk export {} stopped: {}", job.id(), stopped.getMessage());
		} catch (RuntimeException e) {
			log.error("Bulk export {} failed", job.id(), e);
			store.fail(job.id(), name, "The export failed on the server; start it again",
					clock.instant().plus(properties.fileLifetime()));
			audit.record(requester, "bulk-export", target, java.util.List.of(), 500, "the export failed on the server");
		} finally {
			current = null;
		}
	}
}
