package org.immunis.audit;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Appends AuditEvents to the {@link AuditEventLog} by group commit: callers hand their events to one writer thread, which
 * takes everything that has queued up (up to {@link #BATCH} events), stores it with one batch of inserts in one
 * transaction and then tells each caller its events are stored. A busy server pays one commit for many requests; a caller
 * that waits (the request thread, before its answer leaves) knows its events are durable.
 *
 * <p>Nothing handed over is dropped: on shutdown the writer stores everything queued before it stops (it waits as long
 * as that takes; the database is stopped after it), and an event handed over after that is stored on the caller's
 * thread. An event the database refuses is logged in full.
 */
@Component
class AuditEventWriter {

	private static final Logger LOG = LoggerFactory.getLogger(AuditEventWriter.class);
	static final int BATCH = 500;
	private static final Duration STORE_WAIT = Duration.ofSeconds(60);

	private final AuditEventLog log;
	private final JdbcTemplate jdbc;
	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
	private final Thread writer;
	/** Closing waits for every hand-over in progress: no event is queued after the writer's last look at the queue. */
	private final ReadWriteLock handOver = new ReentrantReadWriteLock();
	private volatile boolean closing;
	/** What the writer thread did, for the log at shutdown (the CPU the audit trail costs, per event). */
	private long eventsStored;
	private long commits;
	private long cpuNanos;

	AuditEventWriter(AuditEventLog log, JdbcTemplate jdbc) {
		this.log = log;
		this.jdbc = jdbc;
		this.writer = new Thread(this::run, "immunis-audit-writer");
		// a server that fails to start must still exit; a normal shutdown waits for it in close()
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/** Hands over a request's events (one per patient); completes once they are stored (or, if refused, logged). */
	CompletableFuture<Void> write(AuditRecord record) {
		Pending pending = new Pending(record.perPatient(), new CompletableFuture<>());
		handOver.readLock().lock();
		try {
			if (!closing) {
				queue.add(pending);
				return pending.stored();
			}
		} finally {
			handOver.readLock().unlock();
		}
		store(List.of(pending));
		return pending.stored();
	}

	/** Waits until the events are stored; a request's answer waits at most {@link #STORE_WAIT} (they stay queued). */
	static void awaitStored(CompletableFuture<Void> stored) {
		try {
			stored.get(STORE_WAIT.toSeconds(), TimeUnit.SECONDS);
		} catch (TimeoutException e) {
			// the events stay queued and are stored; the answer does not wait longer for them
			LOG.warn("An audit event was not stored within {}; the answer goes out, the event stays queued", STORE_WAIT);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (ExecutionException e) {
			throw new IllegalStateException(e);
		}
	}

	private void run() {
		List<Pending> batch = new ArrayList<>();
		while (!closing || !queue.isEmpty()) {
			try {
				Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				int events = first.records().size();
				while (events < BATCH && queue.peek() != null) {
					Pending next = queue.poll();
					batch.add(next);
					events += next.records().size();
				}
				store(batch);
				commits++;
				batch.clear();
			} catch (InterruptedException e) {
				// only close() stops the writer, and only once the queue is empty
				LOG.debug("The audit writer was interrupted; it stops only when closed and empty");
			}
		}
		cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
	}

	private void store(List<Pending> batch) {
		try {
			List<AuditRecord> records = batch.stream().flatMap(pending -> pending.records().stream()).toList();
			Set<String> stored = storedPatients(records);
			log.append(records.stream()
					.map(record -> new LoggedEvent(record, !record.patients().isEmpty() && stored.contains(record.patients().get(0))))
					.toList());
			eventsStored += records.size();
		} catch (RuntimeException e) {
			if (batch.size() > 1 || batch.get(0).records().size() > 1) {
				// one event the store refuses must not take the others of its batch with it
				batch.stream().flatMap(pending -> pending.records().stream())
						.forEach(record -> store(List.of(new Pending(List.of(record), new CompletableFuture<>()))));
			} else {
				// never lose an event silently: the log keeps what the store refused
				LOG.error("AuditEvent could not be stored: {}", batch.get(0).records().get(0), e);
			}
		}
		batch.forEach(pending -> pending.stored().complete(null));
	}

	// Only stored patients are referenced; an id someone asked for in vain is named by identifier.
	private Set<String> storedPatients(List<AuditRecord> records) {
		String[] ids = records.stream().flatMap(record -> record.patients().stream())
				.filter(AuditPatients::isLogicalId).distinct().toArray(String[]::new);
		if (ids.length == 0) {
			return Set.of();
		}
		return new HashSet<>(jdbc.query("select fhir_id from hfj_resource where res_type = 'Patient' and res_deleted_at is null"
						+ " and fhir_id = any(?)",
				statement -> statement.setArray(1, statement.getConnection().createArrayOf("varchar", ids)),
				(row, number) -> row.getString(1)));
	}

	/** Stores everything handed over before the database stops (beans that write audit events are closed before this one). */
	@PreDestroy
	void close() throws InterruptedException {
		handOver.writeLock().lock();
		try {
			closing = true;
		} finally {
			handOver.writeLock().unlock();
		}
		while (writer.isAlive()) {
			writer.join(10_000);
			if (writer.isAlive()) {
				LOG.info("Storing the audit events still queued at shutdown: {}", queue.size());
			}
		}
		LOG.info("Audit writer: {} events stored in {} commits, {} ms of its CPU ({} ms per event)", eventsStored, commits,
				cpuNanos / 1_000_000, eventsStored == 0 ? 0 : String.format("%.3f", cpuNanos / 1e6 / eventsStored));
	}

	/** A request's events and the promise to tell it when they are stored. */
	private record Pending(List<AuditRecord> records, CompletableFuture<Void> stored) {}
}
